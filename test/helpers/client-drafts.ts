// Whole messages as the common clients write them (headers, boundaries, part layout), around the
// bodies of test/parse/body/client-bodies.ts. Names and addresses are invented.
import { HEADERS, OUTLOOK_HTML, ROWS } from "../parse/body/client-bodies.js";

/** Quoted-printable as Outlook writes it: `=` escaped, soft breaks before 76 columns. */
function qp(text: string): string {
  return text
    .replace(/=/g, "=3D")
    .split("\n")
    .flatMap((line) => {
      const out: string[] = [];
      let rest = line;
      for (; rest.length > 74; rest = rest.slice(74)) out.push(`${rest.slice(0, 74)}=`);
      out.push(rest);
      return out;
    })
    .join("\r\n");
}

const crlf = (lines: string[]): string => lines.join("\r\n");

/** Outlook for Windows: multipart/alternative, the table in both the plain and the Word-HTML part. */
export function outlookDraft(to = "Alex Marsh <alex.marsh@radio-news.example>"): string {
  const boundary = "----=_NextPart_000_0001_01DB4A1E.1C2E76C0";
  return crlf([
    "From: Chris Office <office@crewe.ourparty.org.uk>",
    `To: ${to}`,
    "Subject: RE: Canvass",
    "Date: Tue, 1 Dec 2026 10:15:00 +0000",
    "Message-ID: <000001db4a1e$1c2d3e40$54597ac0$@crewe.ourparty.org.uk>",
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "X-Mailer: Microsoft Outlook 16.0",
    "Thread-Index: AQHbSh4cLT5AVFl6wFRZesBUWXrA",
    "Content-Language: en-gb",
    "",
    "This is a multipart message in MIME format.",
    "",
    `--${boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    "Content-Transfer-Encoding: 7bit",
    "",
    "Hi Alex,",
    "",
    "Here are the North ward returns as promised.",
    "",
    HEADERS.join("\t"),
    ...ROWS.map((r) => r.join("\t")),
    "",
    "Thanks,",
    "Chris",
    "",
    `--${boundary}`,
    'Content-Type: text/html; charset="us-ascii"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp(OUTLOOK_HTML),
    "",
    `--${boundary}--`,
    "",
  ]);
}

/**
 * Apple Mail: an Excel "Tab delimited text" file (CR line ends, as Excel for Mac saves it) attached
 * inline between two text parts, as Mail lays out a message with a file dropped into its text.
 */
export function appleInlineTxtDraft(): string {
  const boundary = "Apple-Mail=_6A3C2F1E-8B7D-4E2A-9C1F-3D5E7A9B1C2D";
  const txt = `${[HEADERS.join("\t"), ...ROWS.map((r) => r.join("\t"))].join("\r")}\r`;
  return crlf([
    "From: Chris Office <office@crewe.ourparty.org.uk>",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.400.131.1.6\\))",
    "Subject: Canvass list",
    "Message-Id: <4F2A9C1E-7B3D-4E5F-8A1B-2C3D4E5F6A7B@crewe.ourparty.org.uk>",
    "Date: Tue, 1 Dec 2026 10:20:00 +0000",
    "To: alex.marsh@radio-news.example",
    "X-Mailer: Apple Mail (2.3826.400.131.1.6)",
    "",
    "",
    `--${boundary}`,
    "Content-Transfer-Encoding: 7bit",
    "Content-Type: text/plain;",
    "\tcharset=us-ascii",
    "",
    "Hi Alex, the list from Saturday.",
    "",
    `--${boundary}`,
    "Content-Disposition: inline;",
    '\tfilename="Canvass North.txt"',
    "Content-Type: text/plain;",
    "\tx-unix-mode=0644;",
    '\tname="Canvass North.txt"',
    "Content-Transfer-Encoding: 7bit",
    "",
    txt,
    `--${boundary}`,
    "Content-Transfer-Encoding: 7bit",
    "Content-Type: text/plain;",
    "\tcharset=us-ascii",
    "",
    "",
    "Chris",
    `--${boundary}--`,
    "",
  ]);
}

/** A plain-text mail whose text is one line of `n` addresses copied out of a To field. */
export function addressLineDraft(n: number, to = "desk@radio-news.example"): string {
  const names = ["Jane Smith", "Bob Jones", "Ann Taylor", "Sam Brown", "Mary Wilson"];
  const line = Array.from({ length: n }, (_, i) => {
    const name = names[i % names.length];
    return `${name} <${name.toLowerCase().replace(" ", ".")}${i}@example.org>`;
  }).join(", ");
  return crlf([
    "From: office@crewe.ourparty.org.uk",
    `To: ${to}`,
    "Subject: members",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Here they are:",
    line,
    "",
    "Chris",
    "",
  ]);
}
