import { classifyTable } from "./classify/classify-table.js";
import type { AttachmentSource, ReadAttachment } from "./model/attachment.js";
import type { AddressIn, Draft, DraftError } from "./model/draft.js";
import type { Platform } from "./model/platform.js";
import type { Policy } from "./model/policy.js";
import { err, ok, type Result } from "./model/result.js";
import type { Ruleset } from "./model/ruleset.js";
import type { DraftVerdict, InspectedAttachment, MessageVerdict, Verdict } from "./model/verdict.js";
import { correspondents, readBodies } from "./parse/body/read-bodies.js";
import { parseDraft } from "./parse/mail/parse-draft.js";
import { splitMbox } from "./parse/mail/split-mbox.js";
import { type ReadContext, readAttachment } from "./parse/read-attachment.js";
import { bareAddresses, classifyRecipients } from "./policy/classify-recipients.js";
import { decide } from "./policy/decide.js";
import { isUkPhone, isUkPostcode } from "./validators/index.js";

/** Free text is read for phone numbers and postcodes by the same validators the detectors use. */
const CHECKS = { phone: isUkPhone, postcode: isUkPostcode };

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
    checks: CHECKS,
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

/** Why a draft could not be read at all: a code, and the parser's words where it had some. */
export interface DraftFailure {
  code: DraftError;
  detail?: string;
}

/** The draft's recipients (headers plus envelope) classified internal or external. */
function recipientsOf(
  draft: Draft,
  envelope: string[],
  engine: Engine,
): ReturnType<typeof classifyRecipients> {
  const addresses: AddressIn[] = [
    ...draft.recipients,
    ...bareAddresses(envelope).map((address) => ({ address, field: "envelope" as const })),
  ];
  return classifyRecipients(addresses, draft.senders, engine.policy);
}

/**
 * Inspects one draft: parses it, reads and classifies every attachment, and judges it by the
 * policy for its recipients (headers plus `envelope` addresses). When those name no one and
 * `ifNoRecipient` is given (a hook that was not told the recipients), that address stands in.
 */
export async function inspectDraft(
  bytes: Uint8Array,
  engine: Engine,
  envelope: string[] = [],
  ifNoRecipient?: string,
): Promise<Result<DraftVerdict, DraftFailure>> {
  const parsed = await parseDraft(bytes);
  if (!parsed.ok)
    return err(
      parsed.detail !== undefined ? { code: parsed.error, detail: parsed.detail } : { code: parsed.error },
    );
  return ok(await inspectParsedDraft(parsed.draft, engine, envelope, ifNoRecipient));
}

/**
 * Judges a draft that is already in parts: a mail client add-in builds it from the compose
 * window's recipients, body and attachment files, which never exist as one message.
 */
export async function inspectParsedDraft(
  draft: Draft,
  engine: Engine,
  envelope: string[] = [],
  ifNoRecipient?: string,
): Promise<DraftVerdict> {
  let recipients = recipientsOf(draft, envelope, engine);
  if (recipients.length === 0 && ifNoRecipient !== undefined)
    recipients = recipientsOf(draft, [ifNoRecipient], engine);
  // The message's own text first, as `(body)` entries; files uuencoded in it are attachments.
  const options = {
    sampleRows: engine.policy.limits.sampleRows,
    checks: CHECKS,
    ignore: correspondents(draft),
  };
  const bodies = await readBodies(draft.bodies, options);
  const attachments = [
    ...bodies.entries.map((entry) => classify(entry, engine.ruleset)),
    ...(await inspectAttachments([...draft.attachments, ...bodies.files], engine)),
  ];
  const verdict = decide(attachments, recipients, engine.policy, "send");
  return { ...verdict, from: draft.from, subject: draft.subject };
}

/** Why one message of several could not be read: its 1-based index and the failure. */
export interface MessageFailure extends DraftFailure {
  index: number;
  /** How many messages the input holds. */
  of: number;
}

/**
 * Inspects every message of an input that may hold several (an mbox, a mail client's Drafts
 * folder), each as inspectDraft would on its own; one message gives a list of one. The error is the
 * first message that could not be read at all: none is ever left unread.
 */
export async function inspectMessages(
  bytes: Uint8Array,
  engine: Engine,
  envelope: string[] = [],
): Promise<Result<MessageVerdict[], MessageFailure>> {
  const out: MessageVerdict[] = [];
  const messages = splitMbox(bytes);
  for (const [i, message] of messages.entries()) {
    const result = await inspectDraft(message, engine, envelope);
    if (!result.ok) return err({ ...result.error, index: i + 1, of: messages.length });
    out.push({ index: i + 1, verdict: result.value });
  }
  return ok(out);
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
