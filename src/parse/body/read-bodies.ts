import type { AttachmentSource, ReadAttachment } from "../../model/attachment.js";
import type { BodyText, Draft } from "../../model/draft.js";
import type { ReadIssue } from "../../model/table.js";
import { type BodyOptions, readBody } from "./read-body.js";

/** A message's bodies as the contract reports them, and the files uuencoded inside them. */
export interface BodiesRead {
  /** `(body)`, `(body 2)`, ...: each body that holds a table, a list of people, or an issue. */
  entries: ReadAttachment[];
  /** Files uuencoded in a body, to be read like any attachment. */
  files: AttachmentSource[];
}

/** The name the contract gives the n-th (0-based) body reported. */
export const bodyName = (n: number): string => (n === 0 ? "(body)" : `(body ${n + 1})`);

/**
 * Reads every body of a message (see readBody) into attachment entries of type `body`. A body
 * with nothing in it is left out; a uuencoded file cut short is a CORRUPT issue of its body, and
 * what of it arrived is still read.
 */
export async function readBodies(bodies: BodyText[], options: BodyOptions): Promise<BodiesRead> {
  const entries: ReadAttachment[] = [];
  const files: AttachmentSource[] = [];
  for (const body of bodies) {
    const read = await readBody(body, options);
    const issues: ReadIssue[] = [...read.issues];
    for (const file of read.files) {
      files.push({ filename: file.filename, contentType: "", bytes: file.bytes });
      if (!file.complete)
        issues.push({ code: "CORRUPT", path: file.filename, detail: "uuencoded file cut short" });
    }
    if (read.tables.length === 0 && issues.length === 0) continue;
    const size = (body.plain?.length ?? 0) + (body.html?.length ?? 0);
    const base = { filename: bodyName(entries.length), type: "body" as const, size, tables: read.tables };
    const whole = read.tables.length === 0 ? issues.find((i) => i.path === "") : undefined;
    entries.push(
      whole === undefined
        ? { ...base, status: "inspected", issues }
        : { ...base, status: "uninspectable", reason: whole, issues: issues.filter((i) => i !== whole) },
    );
  }
  return { entries, files };
}

/**
 * Who a message is from and whom it shows it is to (From, To, Cc): their addresses in its text
 * (a signature, a quoted reply's header) are its correspondents, not a list it passes on. Bcc
 * recipients are not among them: pasting a Bcc list into the text discloses it.
 */
export function correspondents(draft: Draft): Set<string> {
  const visible = draft.recipients.filter((r) => r.field === "to" || r.field === "cc").map((r) => r.address);
  return new Set(
    [draft.from ?? "", ...draft.senders, ...visible].filter((a) => a !== "").map((a) => a.toLowerCase()),
  );
}
