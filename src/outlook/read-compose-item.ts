import type { AttachmentSource } from "../model/attachment.js";
import type { AddressIn, Draft } from "../model/draft.js";
import { decodeBase64 } from "../portable/base64.js";
import { callOffice } from "./call-office.js";
import type { AttachmentDetails, ComposeItem, EmailAddressDetails, RecipientsField } from "./office.js";

/** What a cloud attachment is to guard: a link whose file it cannot read. */
const CLOUD = "a cloud attachment (a link to a file online)";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const unavailable = (details: AttachmentDetails, why: string): AttachmentSource => ({
  filename: details.name,
  contentType: "",
  bytes: new Uint8Array(0),
  unavailable: why,
});

/** `name` with `extension` added unless it already ends so (Outlook names an attached item by its subject). */
const named = (name: string, extension: string): string =>
  name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;

/**
 * One attachment's bytes as Office hands them over: a file's base64 decoded here, an attached
 * message (`eml`) or meeting (`iCalendar`) as the text Office gives; a cloud attachment, or one
 * Office will not give (an item dragged in on the web), becomes UNAVAILABLE for the policy to judge.
 */
async function readAttachment(item: ComposeItem, details: AttachmentDetails): Promise<AttachmentSource> {
  if (details.attachmentType === "cloud") return unavailable(details, CLOUD);
  let content: { format: string; content: string };
  try {
    content = await callOffice("getAttachmentContentAsync", (cb) =>
      item.getAttachmentContentAsync(details.id, cb),
    );
  } catch (error) {
    return unavailable(details, error instanceof Error ? error.message : String(error));
  }
  switch (content.format) {
    case "base64": {
      const bytes = decodeBase64(content.content);
      if (bytes === null) return unavailable(details, "Office gave content that is not base64");
      return { filename: details.name, contentType: "", bytes };
    }
    case "eml":
      return {
        filename: named(details.name, ".eml"),
        contentType: "message/rfc822",
        bytes: utf8(content.content),
      };
    case "iCalendar":
      return {
        filename: named(details.name, ".ics"),
        contentType: "text/calendar",
        bytes: utf8(content.content),
      };
    case "url":
      return unavailable(details, CLOUD);
    default:
      return unavailable(details, `Office gave content in an unknown format (${content.format})`);
  }
}

const addresses = (list: EmailAddressDetails[], field: AddressIn["field"]): AddressIn[] =>
  list.map((r) => ({ address: r.emailAddress, field }));

function recipients(field: RecipientsField, name: "to" | "cc" | "bcc"): Promise<AddressIn[]> {
  return callOffice<EmailAddressDetails[]>(`${name}.getAsync`, (cb) => field.getAsync(cb)).then((list) =>
    addresses(list, name),
  );
}

/**
 * Reads the message being sent into a Draft: sender, To/Cc/Bcc, subject, the HTML body and every
 * attachment's bytes, one attachment at a time (a 25 MB file is a 33 MB string). A failing call for
 * the sender, recipients, subject or body rejects: the caller blocks, as what was not read is not clean.
 */
export async function readComposeItem(item: ComposeItem): Promise<Draft> {
  const [from, to, cc, bcc, subject, html, list] = await Promise.all([
    callOffice<EmailAddressDetails>("from.getAsync", (cb) => item.from.getAsync(cb)),
    recipients(item.to, "to"),
    recipients(item.cc, "cc"),
    recipients(item.bcc, "bcc"),
    callOffice<string>("subject.getAsync", (cb) => item.subject.getAsync(cb)),
    callOffice<string>("body.getAsync", (cb) => item.body.getAsync("html", cb)),
    callOffice<AttachmentDetails[]>("getAttachmentsAsync", (cb) => item.getAttachmentsAsync(cb)),
  ]);
  const attachments: AttachmentSource[] = [];
  for (const details of list) attachments.push(await readAttachment(item, details));
  const sender = from.emailAddress;
  return {
    from: sender || null,
    senders: sender ? [sender] : [],
    subject: subject || null,
    recipients: [...to, ...cc, ...bcc],
    attachments,
    bodies: html ? [{ html }] : [],
  };
}
