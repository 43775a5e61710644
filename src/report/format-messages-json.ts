import type { MessageVerdict } from "../model/verdict.js";
import { strongest } from "../policy/decide.js";
import { toJsonDocument } from "./format-json.js";

type Entry = Record<string, unknown>;

/**
 * The contract's JSON document for an input holding several messages: the strongest verdict, every
 * finding, recipient and attachment of every message marked with its `message` index (a finding's
 * prose then in `description`), and a `messages` list with each message's own verdict.
 */
export function formatMessagesJson(messages: readonly MessageVerdict[]): string {
  const documents = messages.map((m) => ({ index: m.index, document: toJsonDocument(m.verdict) }));
  const all = (field: string): Entry[] =>
    documents.flatMap(({ index, document }) =>
      (document[field] as Entry[]).map((entry) =>
        // A finding's `message` is its prose with one message; the contract gives the field to the
        // message index with several, so the prose moves to `description`.
        "message" in entry
          ? { ...entry, description: entry.message, message: index }
          : { ...entry, message: index },
      ),
    );
  const document = {
    verdict: strongest(messages.map((m) => m.verdict.action)),
    findings: all("findings"),
    recipients: all("recipients"),
    attachments: all("attachments"),
    messages: messages.map((m) => ({
      index: m.index,
      from: m.verdict.from,
      subject: m.verdict.subject,
      verdict: m.verdict.action,
      ...(m.verdict.noRecipients ? { noRecipients: true } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
