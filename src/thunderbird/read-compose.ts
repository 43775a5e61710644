import type { AttachmentSource } from "../model/attachment.js";
import type { AddressIn, BodyText, Draft } from "../model/draft.js";
import type { ComposeDetails, ComposeRecipient, ParsedMailbox, ThunderbirdApi } from "./thunderbird-api.js";

type Field = "to" | "cc" | "bcc";

/** A recipient the add-on cannot name (a contact reference it was not given) stands as this. */
export const UNRESOLVED = "unresolved-contact";

const listOf = (value: ComposeRecipient | ComposeRecipient[] | undefined): ComposeRecipient[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every address a parsed mailbox names, group members included. */
function emailsOf(boxes: ParsedMailbox[]): string[] {
  return boxes.flatMap((b) => [...(b.email ? [b.email] : []), ...emailsOf(b.group ?? [])]);
}

/**
 * The addresses of one compose field. Thunderbird's own parser splits mailbox strings and expands
 * its address-book mailing lists (a list of 30 counts as 30 recipients). What it cannot turn into
 * an address stays in the list as it is, so it is judged external, never dropped.
 */
async function addressesOf(api: ThunderbirdApi, details: ComposeDetails, field: Field): Promise<AddressIn[]> {
  const out: AddressIn[] = [];
  for (const entry of listOf(details[field])) {
    if (typeof entry !== "string") {
      out.push({ address: UNRESOLVED, field });
      continue;
    }
    const parsed = emailsOf(
      await api.messengerUtilities.parseMailboxString(entry, { expandMailingLists: true }),
    );
    const addresses = parsed.length > 0 ? parsed : [entry.trim()];
    for (const address of addresses) if (address !== "") out.push({ address, field });
  }
  return out;
}

/** The message's text, in the form the window is composing. */
function bodyOf(details: ComposeDetails): BodyText[] {
  if (details.isPlainText) return details.plainTextBody ? [{ plain: details.plainTextBody }] : [];
  return details.body ? [{ html: details.body }] : [];
}

/** Every attachment of the compose window, as bytes. */
async function attachmentsOf(api: ThunderbirdApi, tabId: number): Promise<AttachmentSource[]> {
  const out: AttachmentSource[] = [];
  for (const attachment of await api.compose.listAttachments(tabId)) {
    const file = await api.compose.getAttachmentFile(attachment.id);
    out.push({
      filename: attachment.name ?? file.name ?? "attachment",
      contentType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
  }
  return out;
}

/**
 * Builds the Draft the core judges from a compose window about to send: sender, To/Cc/Bcc, the
 * body and every attached file. The message never exists as one MIME text before Send, so the
 * parts are taken as Thunderbird holds them.
 */
export async function readCompose(
  api: ThunderbirdApi,
  tabId: number,
  details: ComposeDetails,
): Promise<Draft> {
  const senders = details.from ? emailsOf(await api.messengerUtilities.parseMailboxString(details.from)) : [];
  const recipients = [
    ...(await addressesOf(api, details, "to")),
    ...(await addressesOf(api, details, "cc")),
    ...(await addressesOf(api, details, "bcc")),
  ];
  return {
    from: senders[0] ?? null,
    senders,
    subject: details.subject ?? null,
    recipients,
    attachments: await attachmentsOf(api, tabId),
    bodies: bodyOf(details),
  };
}
