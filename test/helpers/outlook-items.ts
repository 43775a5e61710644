// Outlook items made from the committed drafts by the .msg generator (fixtures/gen/msg.ts): the
// same people, files and text as the .eml fixtures, as Outlook would save them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeEml } from "../../fixtures/gen/eml.js";
import { type MsgOptions, writeMsg } from "../../fixtures/gen/msg.js";
import { parseDraft } from "../../src/parse/mail/parse-draft.js";
import { ROOT } from "./cli.js";

/** The options that rebuild a committed .eml draft as an Outlook item. */
export async function itemFromEml(relative: string): Promise<MsgOptions> {
  const parsed = await parseDraft(readFileSync(join(ROOT, relative)));
  if (!parsed.ok) throw new Error(`${relative}: ${parsed.error}`);
  const { draft } = parsed;
  const by = (field: string) => draft.recipients.filter((r) => r.field === field).map((r) => r.address);
  return {
    ...(draft.from ? { from: draft.from } : {}),
    to: by("to"),
    cc: by("cc"),
    bcc: by("bcc"),
    subject: draft.subject ?? "",
    text: draft.bodies[0]?.plain ?? "",
    attachments: draft.attachments.map((a) => ({
      filename: a.filename,
      content: a.bytes,
      contentType: a.contentType,
    })),
  };
}

/** The Crewe & Nantwich canvass workbooks to a journalist, and the ward budget to a bookkeeper. */
export async function outlookDrafts(): Promise<{ crewe: MsgOptions; budget: MsgOptions }> {
  return {
    crewe: await itemFromEml("fixtures/incidents/crewe-nantwich-2008.eml"),
    budget: await itemFromEml("fixtures/drafts/ward-budget.eml"),
  };
}

/** An item forwarded inside a new Outlook item (attach method 5), to `to`. */
export function forwardedInMsg(item: MsgOptions, to: string): Buffer {
  return writeMsg({
    from: "agent@cnparty.org.uk",
    to: [to],
    subject: `FW: ${item.subject}`,
    text: "See the item below.\n",
    items: [item],
  });
}

/** An item forwarded as an attached .msg file of an ordinary MIME mail. */
export function forwardedInEml(item: MsgOptions, to: string): Buffer {
  return writeEml({
    from: "agent@cnparty.org.uk",
    to: [to],
    subject: `FW: ${item.subject}`,
    date: "Wed, 14 May 2008 09:00:00 +0100",
    messageId: `fw.${item.subject.length}@cnparty.org.uk`,
    text: "See the attached item.\n",
    attachments: [
      { filename: `${item.subject}.msg`, contentType: "application/vnd.ms-outlook", content: writeMsg(item) },
    ],
  });
}
