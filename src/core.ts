import { classifyTable } from "./classify/classify-table.js";
import type { AttachmentSource, ReadAttachment } from "./model/attachment.js";
import type { AddressIn, DraftError } from "./model/draft.js";
import type { Platform } from "./model/platform.js";
import type { Policy } from "./model/policy.js";
import type { Ruleset } from "./model/ruleset.js";
import type { DraftVerdict, InspectedAttachment, Verdict } from "./model/verdict.js";
import { parseDraft } from "./parse/mail/parse-draft.js";
import { type ReadContext, readAttachment } from "./parse/read-attachment.js";
import { bareAddresses, classifyRecipients } from "./policy/classify-recipients.js";
import { decide } from "./policy/decide.js";

/** Everything the core needs besides the bytes; node/ builds it. */
export interface Engine {
  ruleset: Ruleset;
  policy: Policy;
  platform: Platform;
}

function newContext(engine: Engine): ReadContext {
  return {
    platform: engine.platform,
    limits: engine.policy.limits,
    budget: { remaining: engine.policy.limits.maxTotalInflatedBytes },
    deadline: engine.platform.now() + engine.policy.limits.maxSecondsPerDraft * 1000,
  };
}

function classify(read: ReadAttachment, ruleset: Ruleset): InspectedAttachment {
  return { ...read, tables: read.tables.map((t) => classifyTable(t, ruleset)) };
}

async function inspectAttachments(
  sources: AttachmentSource[],
  engine: Engine,
): Promise<InspectedAttachment[]> {
  const ctx = newContext(engine);
  const out: InspectedAttachment[] = [];
  const digest = engine.platform.digest;
  for (const source of sources) {
    const read = await readAttachment(source, ctx);
    const inspected = classify(source.fromBody ? { ...read, fromBody: true } : read, engine.ruleset);
    out.push(digest ? { ...inspected, sha256: digest(source.bytes) } : inspected);
  }
  return out;
}

/**
 * Inspects one draft: parses it, reads and classifies every attachment, and judges it by the
 * policy for its recipients (headers plus `envelope` addresses).
 */
export async function inspectDraft(
  bytes: Uint8Array,
  engine: Engine,
  envelope: string[] = [],
): Promise<{ ok: true; verdict: DraftVerdict } | { ok: false; error: DraftError; detail?: string }> {
  const parsed = await parseDraft(bytes);
  if (!parsed.ok) return parsed;
  const { draft } = parsed;
  const addresses: AddressIn[] = [
    ...draft.recipients,
    ...bareAddresses(envelope).map((address) => ({ address, field: "envelope" as const })),
  ];
  const recipients = classifyRecipients(addresses, draft.from, engine.policy);
  const attachments = await inspectAttachments(draft.attachments, engine);
  const verdict = decide(attachments, recipients, engine.policy, "send");
  return { ok: true, verdict: { ...verdict, from: draft.from, subject: draft.subject } };
}

/** Reads one file (a spreadsheet, CSV, archive or message) into raw tables, unclassified. */
export async function readFileTables(
  bytes: Uint8Array,
  filename: string,
  engine: Engine,
): Promise<ReadAttachment> {
  return readAttachment({ filename, contentType: "", bytes }, newContext(engine));
}

/** Judges a file an edge has already read (a large CSV streamed from disk) as inspectFile does. */
export function inspectRead(read: ReadAttachment, engine: Engine): Verdict {
  return decide([classify(read, engine.ruleset)], [], engine.policy, "scan");
}

/** Inspects one file on its own, as `guard scan` does: no recipients, treated as sent outside. */
export async function inspectFile(bytes: Uint8Array, filename: string, engine: Engine): Promise<Verdict> {
  const attachments = await inspectAttachments([{ filename, contentType: "", bytes }], engine);
  return decide(attachments, [], engine.policy, "scan");
}
