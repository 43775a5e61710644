import { classifyTable } from "./classify/classify-table.js";
import { ClassifyTimeout } from "./classify/classify-timeout.js";
import { turnSideways } from "./classify/turn-sideways.js";
import type { AttachmentSource, ReadAttachment } from "./model/attachment.js";
import type { AddressIn, BodyText, Draft, DraftError } from "./model/draft.js";
import { limitMet } from "./model/limits.js";
import type { Platform } from "./model/platform.js";
import type { Policy } from "./model/policy.js";
import type { LoadedRegister } from "./model/register.js";
import { err, ok, type Result } from "./model/result.js";
import type { Ruleset } from "./model/ruleset.js";
import type { DraftVerdict, InspectedAttachment, MessageVerdict, Verdict } from "./model/verdict.js";
import { correspondents, readBodies } from "./parse/body/read-bodies.js";
import { parseDraft } from "./parse/mail/parse-draft.js";
import { splitMbox } from "./parse/mail/split-mbox.js";
import { type ReadContext, readAttachment } from "./parse/read-attachment.js";
import { bareAddresses, classifyRecipients } from "./policy/classify-recipients.js";
import { decide, type TextRegisterMatch } from "./policy/decide.js";
import { matchRows, matchText } from "./register/match-registers.js";
import { isUkPhone, isUkPostcode } from "./validators/index.js";

/** Free text is read for phone numbers and postcodes by the same validators the detectors use. */
const CHECKS = { phone: isUkPhone, postcode: isUkPostcode };

/** Everything the core needs besides the bytes; node/ builds it. */
export interface Engine {
  ruleset: Ruleset;
  policy: Policy;
  platform: Platform;
  /** The policy's registers, loaded with their keys (none when the policy names none). */
  registers?: LoadedRegister[];
  /** What the host could not set up as the policy asked (a register without its key): said, not fatal. */
  notices?: string[];
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

/** Whether the draft's time is up, on the clock its readers share. */
const lateFor = (ctx: ReadContext) => (): boolean =>
  ctx.deadline !== undefined && ctx.platform.now() > ctx.deadline;

/**
 * Classifies what was read. Classifying is bounded by the draft's deadline as reading is: an
 * attachment whose tables are not all classified in time is uninspectable (TIMEOUT), never
 * judged on the tables that were.
 */
function classify(read: ReadAttachment, engine: Engine, late?: () => boolean): InspectedAttachment {
  const { ruleset, registers = [] } = engine;
  try {
    const tables = read.tables.map((raw) => {
      // Turned once here: classifyTable leaves a turned table as it is, and registers read it too.
      const turned = turnSideways(raw, ruleset);
      const table = classifyTable(turned, ruleset, late ? { late } : {});
      if (registers.length === 0) return table;
      // Every row, the one taken for a header too: a real header is no one's name and postcode,
      // and a first line taken for one (a pasted list) is still a person.
      const matches = matchRows(turned.sample, registers, turned.rowCount);
      return matches.length > 0 ? { ...table, registers: matches } : table;
    });
    return { ...read, tables };
  } catch (error) {
    if (!(error instanceof ClassifyTimeout)) throw error;
    const limit = limitMet(engine.policy.limits, "maxSecondsPerDraft");
    return { ...read, status: "uninspectable", reason: { code: "TIMEOUT", path: "", limit }, tables: [] };
  }
}

/**
 * The message's text is matched twice, as the body reader's tables and line by line: the larger
 * count stands, so one person is never counted twice and a list the reader split oddly still counts.
 */
function oneBodyCount(
  attachments: InspectedAttachment[],
  texts: TextRegisterMatch[],
): { inspected: InspectedAttachment[]; texts: TextRegisterMatch[] } {
  const bodyTables = attachments.filter((a) => a.type === "body").flatMap((a) => a.tables);
  const inTables = bodyTables.reduce((n, t) => n + (t.registers ?? []).reduce((m, r) => m + r.people, 0), 0);
  const inText = texts.reduce((n, t) => n + t.match.people, 0);
  if (inText <= inTables) return { inspected: attachments, texts: [] };
  const unmatched = (a: InspectedAttachment): InspectedAttachment =>
    a.type !== "body" ? a : { ...a, tables: a.tables.map(({ registers: _, ...t }) => t) };
  return { inspected: attachments.map(unmatched), texts };
}

/** People of the registers named in the message's own text, a body at a time. */
function textMatches(bodies: BodyText[], registers: LoadedRegister[] = []): TextRegisterMatch[] {
  if (registers.length === 0) return [];
  return bodies.flatMap((body, i) => {
    const text = body.plain ?? (body.html ?? "").replace(/<[^>]*>/g, "\n");
    const attachment = i === 0 ? "(body)" : `(body ${i + 1})`;
    return matchText(text, registers).map((match) => ({ where: { attachment }, match }));
  });
}

/** Reads and classifies attachments under `ctx`: the draft's one clock and inflation budget. */
async function inspectAttachments(
  sources: AttachmentSource[],
  engine: Engine,
  ctx: ReadContext = newContext(engine),
): Promise<InspectedAttachment[]> {
  const out: InspectedAttachment[] = [];
  const digest = engine.platform.digest;
  for (const source of sources) {
    const read = await readAttachment(source, ctx);
    const inspected = classify(source.fromBody ? { ...read, fromBody: true } : read, engine, lateFor(ctx));
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
  // One clock for the whole draft: its text and its attachments share maxSecondsPerDraft.
  const ctx = newContext(engine);
  const late = lateFor(ctx);
  // The message's own text first, as `(body)` entries; files uuencoded in it are attachments.
  const options = {
    sampleRows: engine.policy.limits.sampleRows,
    checks: CHECKS,
    ignore: correspondents(draft),
    clock: { late, limit: limitMet(engine.policy.limits, "maxSecondsPerDraft") },
  };
  const bodies = await readBodies(draft.bodies, options);
  const attachments = [
    ...bodies.entries.map((entry) => classify(entry, engine, late)),
    ...(await inspectAttachments([...draft.attachments, ...bodies.files], engine, ctx)),
  ];
  const { inspected, texts } = oneBodyCount(attachments, textMatches(draft.bodies, engine.registers));
  const verdict = decide(inspected, recipients, engine.policy, "send", texts);
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

/**
 * Judges a file an edge has already read (a large CSV streamed from disk) as inspectFile does;
 * `late` is the edge's clock for the file, so classifying it stops at the same deadline.
 */
export function inspectRead(read: ReadAttachment, engine: Engine, late?: () => boolean): Verdict {
  return decide([classify(read, engine, late)], [], engine.policy, "scan");
}

/** Inspects one file on its own, as `guard scan` does: no recipients, treated as sent outside. */
export async function inspectFile(bytes: Uint8Array, filename: string, engine: Engine): Promise<Verdict> {
  const attachments = await inspectAttachments([{ filename, contentType: "", bytes }], engine);
  return decide(attachments, [], engine.policy, "scan");
}
