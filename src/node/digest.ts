import { createHash } from "node:crypto";
import { parseDraft } from "../parse/parse-draft.js";
import type { AttachmentDigest } from "../report/audit-record.js";

/** The SHA-256 of some bytes, in hex. */
export const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

/**
 * Names and SHA-256 of a message's attachments (decoded bytes, as the recipient would save them).
 * Parses the message again: the verdict carries no bytes, and only the audit log needs them.
 */
export async function digestAttachments(message: Uint8Array): Promise<AttachmentDigest[]> {
  const parsed = await parseDraft(message);
  if (!parsed.ok) return [];
  return parsed.draft.attachments.map((a) => ({ filename: a.filename, sha256: sha256(a.bytes) }));
}
