// Message bodies as the common clients write them, for the body readers' tests. The markup follows
// what each client puts out (Outlook's Word HTML, Gmail's Sheets paste and quote divs, Thunderbird's
// moz- classes and quoted <pre>, Apple Mail's webkit body); names and addresses are invented.

const PEOPLE = [
  ["Smith", "Jane", "1 Mill Lane", "CW1 2AB", "Lab"],
  ["Jones", "Robert", "2 Mill Lane", "CW1 3BD", "Con"],
  ["Taylor", "Ann", "3 Mill Lane", "CW1 4DE", "LD"],
  ["Brown", "Samuel", "4 Mill Lane", "CW1 5EF", "Lab"],
  ["Wilson", "Mary", "5 Mill Lane", "CW1 6FG", "Green"],
  ["Davies", "Peter", "6 Mill Lane", "CW1 7GH", "Lab"],
  ["Evans", "Susan", "7 Mill Lane", "CW2 8HJ", "Con"],
  ["Thomas", "David", "8 Mill Lane", "CW2 9JL", "Lab"],
  ["Roberts", "Karen", "9 Mill Lane", "CW2 1LN", "Against"],
  ["Walker", "James", "10 Mill Lane", "CW2 2NP", "Lab"],
  ["Wright", "Linda", "11 Mill Lane", "CW2 3PQ", "Con"],
  ["Hughes", "Paul", "12 Mill Lane", "CW2 4QR", "LD"],
];
export const HEADERS = ["Surname", "Forename", "Address", "Postcode", "VI"];
export const ROWS = PEOPLE;

const mso = (v: string, bold = false): string =>
  `<td width=113 nowrap valign=bottom style='width:85.0pt;border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:15.0pt'>\n<p class=MsoNormal><span style='color:black;mso-fareast-language:EN-GB'>${bold ? "<b>" : ""}${v.replace(/ /g, "&nbsp;")}${bold ? "</b>" : ""}<o:p></o:p></span></p></td>`;

/** Outlook for Windows (Word HTML): a range pasted from Excel into a reply, above the quoted message. */
export const OUTLOOK_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=us-ascii"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--></head><body lang=EN-GB link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1><p class=MsoNormal>Hi Alex,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Here are the North ward returns as promised.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=567 style='width:425.0pt;border-collapse:collapse;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
<tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes;height:15.0pt'>${HEADERS.map((h) => mso(h, true)).join("\n")}</tr>
${PEOPLE.map((r, i) => `<tr style='mso-yfti-irow:${i + 1};height:15.0pt'>${r.map((c) => mso(c)).join("\n")}</tr>`).join("\n")}
</table><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Thanks,<o:p></o:p></p><p class=MsoNormal>Chris<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>From:</b> Alex Marsh &lt;alex.marsh@radio-news.example&gt; <br><b>Sent:</b> 01 December 2026 10:02<br><b>To:</b> Chris Office &lt;office@crewe.ourparty.org.uk&gt;<br><b>Subject:</b> Canvass<o:p></o:p></p></div><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Could you send the figures?<o:p></o:p></p></div></body></html>`;

/** Gmail: a range pasted from Google Sheets (colgroup, data-sheets attributes), then a quoted message. */
export const GMAIL_HTML = `<div dir="ltr">Hi Alex,<div><br></div><div>The list:</div><div><br></div><div><google-sheets-html-origin><style type="text/css"><!--td {border: 1px solid #cccccc;}br {mso-data-placement:same-cell;}--></style><table xmlns="http://www.w3.org/1999/xhtml" cellspacing="0" cellpadding="0" dir="ltr" border="1" style="table-layout:fixed;font-size:10pt;font-family:Arial;width:0px;border-collapse:collapse;border:none" data-sheets-root="1"><colgroup><col width="100"><col width="100"><col width="120"><col width="100"><col width="100"></colgroup><tbody><tr style="height:21px;">${HEADERS.map((h) => `<td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;font-weight:bold;">${h}</td>`).join("")}</tr>${PEOPLE.map((r) => `<tr style="height:21px;">${r.map((c) => `<td style="overflow:hidden;padding:2px 3px 2px 3px;vertical-align:bottom;">${c}</td>`).join("")}</tr>`).join("")}</tbody></table></google-sheets-html-origin><br></div><div>Chris</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 1 Dec 2026 at 10:02, Alex Marsh &lt;<a href="mailto:alex.marsh@radio-news.example">alex.marsh@radio-news.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Could you send the figures?</div></blockquote></div>`;

/** Thunderbird HTML reply: the earlier message, holding a tab-separated list, quoted in a moz-quote-pre. */
export const THUNDERBIRD_HTML = `<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
  </head>
  <body>
    <p>Forwarding as asked.<br>
    </p>
    <div class="moz-cite-prefix">On 01/12/2026 10:02, Chris Office wrote:<br>
    </div>
    <blockquote type="cite" cite="mid:0f1e2d3c@crewe.ourparty.org.uk">
      <pre class="moz-quote-pre" wrap="">Here is the list:

${HEADERS.join("\t")}
${PEOPLE.map((r) => r.join("\t")).join("\n")}
</pre>
    </blockquote>
  </body>
</html>`;

/** Thunderbird plain text (format=flowed, already unfolded): a reply quoting the list with "> ". */
export const THUNDERBIRD_PLAIN = `Forwarding as asked.

On 01/12/2026 10:02, Chris Office wrote:
> Here is the list:
>
> ${HEADERS.join("\t")}
${PEOPLE.map((r) => `> ${r.join("\t")}`).join("\n")}
>
> Chris
`;

/** Apple Mail HTML: a range pasted from Numbers keeps its table inside the webkit body. */
export const APPLE_HTML = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;"><div>Hi Alex,</div><div><br></div><div><table style="border-collapse: collapse; table-layout: fixed; width: 500px;" cellspacing="0" cellpadding="0"><tbody><tr>${HEADERS.map((h) => `<td valign="top" style="border-style: solid; border-width: 1px; padding: 4px;"><p style="margin: 0px; font-stretch: normal; font-size: 10px; line-height: normal; font-family: 'Helvetica Neue';"><b>${h}</b></p></td>`).join("")}</tr>${PEOPLE.map((r) => `<tr>${r.map((c) => `<td valign="top" style="border-style: solid; border-width: 1px; padding: 4px;"><p style="margin: 0px; font-size: 10px; font-family: 'Helvetica Neue';">${c}</p></td>`).join("")}</tr>`).join("")}</tbody></table></div><div><br></div><div>Chris</div></body></html>`;

/** Outlook plain text of a forward: the earlier message below "-----Original Message-----". */
export const OUTLOOK_PLAIN_FORWARD = `FYI

-----Original Message-----
From: Chris Office <office@crewe.ourparty.org.uk>
Sent: 01 December 2026 10:02
To: Pat Agent <pat@crewe.ourparty.org.uk>
Subject: Returns

${HEADERS.join(";")}
${PEOPLE.map((r) => r.join(";")).join("\n")}
`;
