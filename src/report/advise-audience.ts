import type { Finding, RecipientCounts } from "../model/finding.js";
import { formatCount as n, plural } from "./format-count.js";

/**
 * From how many outside recipients a mail is a list rather than a person: the contract's
 * `manyRecipients` default. The advice changes there, whatever a policy's threshold.
 */
const LIST = 20;

/** Recipients the others do not see: Bcc and envelope recipients. */
const hidden = (r: RecipientCounts): number => r.total - r.visible;

/**
 * Advice for many recipients of personal data, by where they sit. A list mail usually has the
 * sender in To and the list in Bcc: that counts as in Bcc already, and Bcc hides addresses, not data.
 */
function toMany(r: RecipientCounts): string {
  const inBcc = hidden(r);
  if (inBcc === r.total)
    return `All ${n(r.total)} recipients are in Bcc already: that hides their addresses from each other, not the data, which each of them still gets.`;
  if (inBcc >= r.visible)
    return `${n(inBcc)} of the ${n(r.total)} recipients are in Bcc already: that hides their addresses from each other, not the data, which each of them still gets.`;
  if (inBcc > 0)
    return `Moving the others to Bcc would hide addresses, not the data: each of the ${n(r.total)} recipients, in To, Cc or Bcc, gets it.`;
  return "Putting them in Bcc would hide their addresses from each other, but each would still get the data.";
}

/** Advice by how many people outside the data would reach: one is a question of need, hundreds a list. */
function toOutside(f: Finding, r: RecipientCounts): string {
  if (r.external === 1)
    return f.rule === "sensitive-to-external"
      ? "It would reach one person outside: even one needs a lawful basis for special-category data; ask your data protection lead first."
      : "It would reach one person outside: if they need it (a printer, a data processor), check an agreement covers it.";
  const bcc =
    hidden(r) > 0 ? " Bcc hides who else got it, not the data: each recipient in Bcc gets it too." : "";
  if (r.external >= LIST)
    return `It would reach ${n(r.external)} people outside, a mailing list rather than a person: no one on a list needs this; send the mail without it.${bcc}`;
  return `It would reach ${n(r.external)} people outside: send it only to the one who needs it, in a mail of its own.${bcc}`;
}

/**
 * What a finding's advice adds for who would get the data: the number of recipients and whether
 * they are in Bcc already (then "put them in Bcc" is no advice). Empty for a scan (no recipients)
 * and for rules about something else.
 */
export function adviseAudience(f: Finding): string {
  switch (f.rule) {
    case "personal-data-to-many":
    case "personal-data-internal-many":
      return toMany(f.args.recipients);
    case "visible-recipients": {
      const r = f.args.recipients;
      return hidden(r) > 0
        ? `${plural(hidden(r), "recipient is", "recipients are")} in Bcc already; move the ${n(r.visible)} in To and Cc there too.`
        : "";
    }
    case "sensitive-to-external":
    case "personal-data-to-external":
    case "some-personal-data-to-external":
    case "register-match":
      return f.args.recipients.total > 0 && f.args.recipients.external > 0
        ? toOutside(f, f.args.recipients)
        : "";
    case "uninspectable-to-external": {
      const r = f.args.recipients;
      return r.external > 1
        ? `Unread, it would reach ${n(r.external)} people outside${hidden(r) > 0 ? ", those in Bcc included" : ""}: send the mail without it, and share the file only with those who need it.`
        : "";
    }
    default:
      return "";
  }
}
