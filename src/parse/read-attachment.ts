import type { AttachmentSource, FileType, ReadAttachment } from "../model/attachment.js";
import type { BodyText } from "../model/draft.js";
import type { InflateBudget, Limits } from "../model/limits.js";
import { limitMet } from "../model/limits.js";
import type { PdfRead, Platform } from "../model/platform.js";
import type { RawTable, ReadIssue, ReadResult } from "../model/table.js";
import { correspondents, readBodies } from "./body/read-bodies.js";
import type { IdentifierChecks } from "./body/read-people-list.js";
import { isOsDebris } from "./container/is-os-debris.js";
import { listTarMembers } from "./container/tar.js";
import { extractZipEntry, listZipEntries } from "./container/zip.js";
import { readDocx } from "./documents/read-docx.js";
import { readOdt } from "./documents/read-odt.js";
import { readPdf } from "./documents/read-pdf.js";
import { isCfb, openCfb } from "./legacy/cfb.js";
import { readDoc } from "./legacy/read-doc.js";
import { readXls } from "./legacy/read-xls.js";
import { parseDraft } from "./mail/parse-draft.js";
import { readTnef } from "./mail/read-tnef.js";
import { splitMbox } from "./mail/split-mbox.js";
import { readOds } from "./ods/read-ods.js";
import { readXlsx } from "./ooxml/read-xlsx.js";
import { readWithSheetJs } from "./sheetjs/read-sheetjs.js";
import { sniffEncryption } from "./sniff-encryption.js";
import { isDataLike, sniffType } from "./sniff-type.js";
import { type CsvContext, readCsv } from "./text/read-csv.js";
import { readFixedWidth } from "./text/read-fixed-width.js";
import { readHtmlTables } from "./text/read-html-tables.js";
import { readJsonRecords } from "./text/read-json-records.js";
import { readLdif } from "./text/read-ldif.js";
import { readVcards } from "./text/read-vcards.js";

/** Free text read with no validators handed in: no phone number or postcode is recognised. */
const EMAILS_ONLY: IdentifierChecks = { phone: () => false, postcode: () => false };

/** What reading needs: platform services, limits, and the inflation budget shared by one draft. */
export interface ReadContext {
  platform: Platform;
  limits: Limits;
  budget: InflateBudget;
  /** When reading must stop, on platform.now()'s clock; shared by every attachment of one draft. */
  deadline?: number;
  /**
   * How to tell phone numbers and postcodes in an attached message's text (the validators; the
   * core always hands them in). Without them only email addresses make a list of people there.
   */
  checks?: IdentifierChecks;
}

interface FileRead extends ReadResult {
  type: FileType;
  /** False for files that hold no tables (images, audio, presentations): nothing to inspect. */
  data: boolean;
  /** A document holding only images (a scanned PDF): skipped like the images it holds. */
  imagesOnly?: boolean;
}

const fail = (issue: ReadIssue): ReadResult => ({ tables: [], issues: [issue] });

/**
 * Whether a file holds data to inspect: a data type by its bytes, or a data file by its name (an
 * image, presentation or unknown binary with an ordinary name is skipped, as the contract says).
 */
const isData = (type: FileType, filename: string): boolean => isDataLike(type, filename);

/** Whether the draft's time is up: what is not yet read then becomes a TIMEOUT issue. */
const late = (ctx: ReadContext): boolean => ctx.deadline !== undefined && ctx.platform.now() > ctx.deadline;

/** How a CSV, TSV or text file is read: by its name, under the draft's limits and clock. */
const csvContext = (type: FileType, name: string, ctx: ReadContext): CsvContext => ({
  limits: ctx.limits,
  name,
  late: () => late(ctx),
  ...(type === "tsv" ? { delimiter: "\t" } : {}),
});

/** How an HTML file is read: its tables named after `prefix`, under the draft's limits and clock. */
const htmlContext = (prefix: string, ctx: ReadContext) => ({
  limits: ctx.limits,
  prefix,
  late: () => late(ctx),
});

/** The issue for a container (or a PDF carrying files) nested past `limits.maxDepth`. */
const tooDeep = (path: string, ctx: ReadContext): ReadIssue => ({
  code: "TOO_DEEP",
  path,
  limit: limitMet(ctx.limits, "maxDepth"),
});

/** The issue for what was left unread at `path` when the draft's time ran out. */
const timeUp = (path: string, ctx: ReadContext): ReadIssue => ({
  code: "TIMEOUT",
  path,
  limit: limitMet(ctx.limits, "maxSecondsPerDraft"),
});

type ContainerType = "zip" | "gzip" | "tar" | "eml" | "msg" | "tnef";
const CONTAINERS: ReadonlySet<string> = new Set<ContainerType>(["zip", "gzip", "tar", "eml", "msg", "tnef"]);
/** Files that hold other files: archives, attached messages (MIME or Outlook), winmail.dat. */
const isContainer = (type: FileType): type is ContainerType => CONTAINERS.has(type);

/**
 * Reads one file (at `path` inside the attachment, "" for the attachment itself) into tables.
 * Containers (ZIP, gzip, attached messages, Outlook's winmail.dat) are opened and their members
 * read the same way.
 */
async function readFile(bytes: Uint8Array, filename: string, path: string, depth: number, ctx: ReadContext) {
  const zipNames = bytes[0] === 0x50 && bytes[1] === 0x4b ? zipEntryNames(bytes) : undefined;
  const type = sniffType(bytes, filename, zipNames);
  const data = isData(type, filename);
  const result = (r: ReadResult): FileRead => ({ ...r, type, data });
  if (!data) return result({ tables: [], issues: [] });
  if (bytes.length > ctx.limits.maxAttachmentBytes)
    return result(fail({ code: "TOO_LARGE", path, limit: limitMet(ctx.limits, "maxAttachmentBytes") }));
  if (isContainer(type)) {
    if (depth >= ctx.limits.maxDepth) return result(fail(tooDeep(path, ctx)));
    return result(await readContainer(type, bytes, filename, path, depth + 1, ctx));
  }
  const sheetPrefix = path === "" ? "" : `${path}#`;
  switch (type) {
    case "csv":
    case "tsv":
    case "text":
    case "fixed":
    case "json":
    case "vcard":
    case "ldif":
      return result(readTextTable(type, bytes, path || filename, ctx));
    case "xlsx":
    case "xlsm":
      // Containers around the workbook count towards its embedded workbooks' depth.
      return result(withPath(readXlsx(bytes, { ...ctx, prefix: sheetPrefix, depth }), path));
    case "ods":
      // A flat ODS (one XML file, .fods) is not a package: SheetJS reads it.
      if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
        return result(withPath(await readLegacy(bytes, sheetPrefix, ctx), path));
      return result(withPath(readOds(bytes, { ...ctx, prefix: sheetPrefix }), path));
    case "xlsb": {
      // SheetJS inflates this ZIP package itself, with no cap: every part is first inflated here
      // under our limits, so a bomb is refused before SheetJS ever sees it.
      const refused = checkZipParts(bytes, path, ctx);
      if (refused !== null) return result(fail(refused));
      return result(withPath(await readLegacy(bytes, sheetPrefix, ctx), path));
    }
    case "xls":
    case "spreadsheetml":
    case "fods":
    case "sylk":
      return result(withPath(await readLegacy(bytes, sheetPrefix, ctx), path));
    case "html":
      return result(withPath(await readHtmlTables(bytes, htmlContext(sheetPrefix, ctx)), path));
    case "pdf":
    case "docx":
    case "odt":
      return { type, data: true, ...(await readDocumentAndFiles(type, bytes, path, depth, ctx)) };
    case "doc":
      return result(withPath(await readDoc(bytes, { ...ctx, prefix: sheetPrefix }), path));
    case "encrypted-ooxml":
    case "encrypted":
      return result(fail({ code: "ENCRYPTED", path }));
    default:
      return result(fail(unsupported(type, bytes, path)));
  }
}

/** Why a data file no reader takes is unread: a compound file whose directory cannot be read is damaged. */
const unsupported = (type: FileType, bytes: Uint8Array, path: string): ReadIssue =>
  type === "cfb" && !openCfb(bytes).ok
    ? { code: "CORRUPT", path }
    : { code: "UNSUPPORTED", path, detail: type };

/**
 * Reads the workbooks SheetJS reads (xls, xlsb, SYLK, SpreadsheetML, flat ODS), isolated where the
 * host can isolate it; but a BIFF8 xls (a compound file) first with our own reader, at xlsx speed,
 * which hands BIFF5 and older, or anything odd, back to SheetJS.
 */
async function readLegacy(bytes: Uint8Array, prefix: string, ctx: ReadContext): Promise<ReadResult> {
  const own = isCfb(bytes) ? readXls(bytes, { ...ctx, prefix }) : undefined;
  if (own && !("fallback" in own)) return own;
  const isolated = ctx.platform.readWorkbookIsolated;
  return isolated
    ? isolated(bytes, { limits: ctx.limits, prefix })
    : readWithSheetJs(bytes, { limits: ctx.limits, prefix });
}

/**
 * A document's tables and those of the files it carries: a PDF's embedded files are read as a
 * container's members are (a hybrid PDF carries its whole spreadsheet), one level deeper.
 */
async function readDocumentAndFiles(
  type: "docx" | "odt" | "pdf",
  bytes: Uint8Array,
  path: string,
  depth: number,
  ctx: ReadContext,
): Promise<ReadResult & { data?: boolean; imagesOnly?: boolean }> {
  const { files = [], ...doc } = await readDocument(type, bytes, path === "" ? "" : `${path}#`, ctx);
  if (files.length === 0) return doc;
  const carried =
    depth >= ctx.limits.maxDepth ? fail(tooDeep(path, ctx)) : await readMembers(files, path, depth + 1, ctx);
  return { tables: [...doc.tables, ...carried.tables], issues: [...doc.issues, ...carried.issues] };
}

/**
 * Reads a document's tables: Word and OpenDocument text here, a PDF with pdf.js (isolated where
 * the host can isolate it). A PDF of only images is no document to read but a scan: skipped as such.
 */
async function readDocument(
  type: "docx" | "odt" | "pdf",
  bytes: Uint8Array,
  prefix: string,
  ctx: ReadContext,
): Promise<ReadResult & { data?: boolean; imagesOnly?: boolean; files?: PdfRead["files"] }> {
  const path = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  if (type === "docx") return withPath(readDocx(bytes, { ...ctx, prefix }), path);
  if (type === "odt") return withPath(readOdt(bytes, { ...ctx, prefix }), path);
  const isolated = ctx.platform.readPdfIsolated;
  const read: PdfRead = isolated
    ? await isolated(bytes, { limits: ctx.limits, prefix })
    : await readPdf(bytes, { limits: ctx.limits, prefix, ...(ctx.checks ? { checks: ctx.checks } : {}) });
  if (read.imagesOnly) return { tables: [], issues: [], data: false, imagesOnly: true };
  return { ...withPath(read, path), ...(read.files ? { files: read.files } : {}) };
}

/** Reads a table written as text: delimited, fixed-width, JSON records, vCards or LDIF entries. */
function readTextTable(type: FileType, bytes: Uint8Array, name: string, ctx: ReadContext): ReadResult {
  const text = { limits: ctx.limits, name, late: () => late(ctx) };
  if (type === "json") return readJsonRecords(bytes, text);
  if (type === "vcard") return readVcards(bytes, text);
  if (type === "ldif") return readLdif(bytes, text);
  if (type === "fixed") return readFixedWidth(bytes, text);
  return readCsv(bytes, csvContext(type, name, ctx));
}

/** Inflates every part of a ZIP package under the limits, keeping nothing; the first refusal, or null. */
function checkZipParts(bytes: Uint8Array, path: string, ctx: ReadContext): ReadIssue | null {
  const listed = listZipEntries(bytes);
  if (!listed.ok) return { ...listed.issue, path };
  for (const entry of listed.entries) {
    if (entry.name.endsWith("/")) continue;
    const extracted = extractZipEntry(bytes, entry, ctx);
    if (!extracted.ok) return { ...extracted.issue, path };
  }
  return null;
}

/** Gives issues without a path the path of the file they came from. */
function withPath(r: ReadResult, path: string): ReadResult {
  return { tables: r.tables, issues: r.issues.map((i) => ({ ...i, path: i.path || path })) };
}

function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const listed = listZipEntries(bytes);
  return listed.ok ? listed.entries.map((e) => e.name) : undefined;
}

async function readContainer(
  type: ContainerType,
  bytes: Uint8Array,
  filename: string,
  path: string,
  depth: number,
  ctx: ReadContext,
): Promise<ReadResult> {
  const inside = (name: string): string => (path === "" ? name : `${path}/${name}`);
  const members: { name: string; bytes: Uint8Array }[] = [];
  const issues: ReadIssue[] = [];
  const tables: RawTable[] = [];
  if (type === "gzip") {
    const inflated = ctx.platform.gunzip(bytes, Math.min(ctx.limits.maxPartBytes, ctx.budget.remaining));
    if (!inflated.ok) return fail({ code: inflated.error === "too-large" ? "TOO_LARGE" : "CORRUPT", path });
    ctx.budget.remaining -= inflated.bytes.length;
    members.push({ name: gunzippedName(filename), bytes: inflated.bytes });
  } else if (type === "zip") {
    const listed = listZipEntries(bytes);
    if (!listed.ok) return fail({ ...listed.issue, path });
    for (const entry of listed.entries) {
      if (entry.name.endsWith("/")) continue;
      if (late(ctx)) {
        issues.push(timeUp(inside(entry.name), ctx));
        continue;
      }
      const extracted = extractZipEntry(bytes, entry, ctx);
      if (extracted.ok) members.push({ name: entry.name, bytes: extracted.bytes });
      else issues.push({ ...extracted.issue, path: inside(entry.name) });
    }
  } else if (type === "tar") {
    const listed = listTarMembers(bytes);
    if (!listed.ok) return fail({ ...listed.issue, path });
    members.push(...listed.members);
  } else {
    const unpacked =
      type === "tnef" ? await readWinmail(bytes, path, ctx) : await readMessages(bytes, path, ctx);
    if (!unpacked.ok) return fail(unpacked.issue);
    members.push(...unpacked.members);
    tables.push(...unpacked.tables);
    issues.push(...unpacked.issues);
  }
  const read = await readMembers(members, path, depth, ctx);
  return { tables: [...tables, ...read.tables], issues: [...issues, ...read.issues] };
}

/** Reads the files a container holds, each at its path inside it, as files of their own. */
async function readMembers(
  members: { name: string; bytes: Uint8Array }[],
  path: string,
  depth: number,
  ctx: ReadContext,
): Promise<ReadResult> {
  const inside = (name: string): string => (path === "" ? name : `${path}/${name}`);
  const tables: RawTable[] = [];
  const issues: ReadIssue[] = [];
  for (const member of members) {
    // Finder's `__MACOSX/._budget.xlsx` would otherwise be an unreadable "workbook" that blocks.
    if (isOsDebris(member.name, member.bytes)) continue;
    if (late(ctx)) {
      issues.push(timeUp(inside(member.name), ctx));
      continue;
    }
    const read = await readFile(member.bytes, member.name, inside(member.name), depth, ctx);
    tables.push(...read.tables);
    issues.push(...read.issues);
  }
  return { tables, issues };
}

type Members =
  | { ok: true; members: { name: string; bytes: Uint8Array }[]; tables: RawTable[]; issues: ReadIssue[] }
  | { ok: false; issue: ReadIssue };
type Carried = Extract<Members, { ok: true }>;

/**
 * The attachments of an attached message, or of every message of an attached mbox, each under
 * `message-N/` (no message of a mailbox is left unread), and their bodies, read as the draft's
 * are: an attached message's own text travels with it.
 */
async function readMessages(bytes: Uint8Array, path: string, ctx: ReadContext): Promise<Members> {
  const messages = splitMbox(bytes);
  const out: Members = { ok: true, members: [], tables: [], issues: [] };
  for (const [i, message] of messages.entries()) {
    const parsed = await parseDraft(message, () => late(ctx));
    const where = messages.length > 1 ? `message ${i + 1}: ` : "";
    if (!parsed.ok)
      return {
        ok: false,
        issue:
          parsed.error === "TIMEOUT"
            ? timeUp(path, ctx)
            : { code: "CORRUPT", path, detail: `${where}${parsed.error}` },
      };
    const prefix = messages.length > 1 ? `message-${i + 1}/` : "";
    for (const a of parsed.draft.attachments)
      out.members.push({ name: `${prefix}${a.filename}`, bytes: a.bytes });
    await readCarriedBodies(parsed.draft.bodies, correspondents(parsed.draft), { path, prefix }, ctx, out);
  }
  return out;
}

/**
 * The files a winmail.dat packs and the message text it carries (Outlook puts the whole message
 * in it, body included), read as an attached message's are.
 */
async function readWinmail(bytes: Uint8Array, path: string, ctx: ReadContext): Promise<Members> {
  const unpacked = readTnef(bytes);
  if (!unpacked.ok) return { ok: false, issue: { ...unpacked.issue, path } };
  const out: Carried = { ok: true, members: [...unpacked.members], tables: [], issues: [] };
  await readCarriedBodies(unpacked.bodies, new Set(), { path, prefix: "" }, ctx, out);
  return out;
}

/**
 * Reads the bodies a container carries as the draft's are, on its clock: their tables and issues
 * named `(body)` inside it (after `prefix`, a mailbox's `message-N/`), files uuencoded in them as members.
 */
async function readCarriedBodies(
  bodies: BodyText[],
  ignore: Set<string>,
  where: { path: string; prefix: string },
  ctx: ReadContext,
  out: Carried,
): Promise<void> {
  const clock = { late: () => late(ctx), limit: limitMet(ctx.limits, "maxSecondsPerDraft") };
  const options = { sampleRows: ctx.limits.sampleRows, checks: ctx.checks ?? EMAILS_ONLY, ignore, clock };
  const read = await readBodies(bodies, options);
  const { path, prefix } = where;
  for (const body of read.entries) {
    const at = path === "" ? `${prefix}${body.filename}` : `${path}/${prefix}${body.filename}`;
    out.tables.push(...body.tables.map((t) => ({ ...t, name: `${at}#${t.name}` })));
    for (const issue of [...(body.reason ? [body.reason] : []), ...body.issues])
      out.issues.push({ ...issue, path: issue.path === "" ? at : `${at}/${issue.path}` });
  }
  for (const f of read.files) out.members.push({ name: `${prefix}${f.filename}`, bytes: f.bytes });
}

/** The name of what a gzip file holds: `a.csv.gz` holds `a.csv`, `a.tgz` holds `a.tar`. */
function gunzippedName(filename: string): string {
  return filename.replace(/\.tgz$/i, ".tar").replace(/\.gz$/i, "") || "data";
}
// PGP/MIME's version part (RFC 3156 §4) and S/MIME's enveloped or opaque-signed body (RFC 8551
// §3.2): MIME types that say the content is locked, whatever the bytes look like.
const ENCRYPTED_MIME_TYPES = new Set([
  "application/pgp-encrypted",
  "application/pkcs7-mime",
  "application/x-pkcs7-mime",
]);

/**
 * A part whose MIME type says it is encrypted is taken at its word (fail closed), unless its bytes
 * are a signature without content, such as a certificate bundle (smime-type=certs-only).
 */
const declaredEncrypted = (source: AttachmentSource): boolean =>
  ENCRYPTED_MIME_TYPES.has(source.contentType.toLowerCase()) && sniffEncryption(source.bytes) !== "signature";

// The signature part of multipart/signed (RFC 8551 §3.5, RFC 3156 §5): the content it signs stands
// beside it and is read there. Some writers (M2Crypto) embed that content in the signature too, which
// must not make every signed mail look encrypted.
const SIGNATURE_MIME_TYPES = new Set([
  "application/pkcs7-signature",
  "application/x-pkcs7-signature",
  "application/pgp-signature",
]);

/** A detached signature, declared by its MIME type: skipped as holding no data of its own. */
const declaredSignature = (source: AttachmentSource): boolean =>
  SIGNATURE_MIME_TYPES.has(source.contentType.toLowerCase());

/** An attachment left unread because the draft's time ran out: typed by its bytes alone. */
function timedOut(source: AttachmentSource, ctx: ReadContext): FileRead {
  const type = sniffType(source.bytes, source.filename);
  return {
    ...fail(timeUp("", ctx)),
    type,
    data: isData(type, source.filename),
  };
}

/** Reads an attachment of a draft into tables, with its status under the contract. */
export async function readAttachment(source: AttachmentSource, ctx: ReadContext): Promise<ReadAttachment> {
  const read = declaredSignature(source)
    ? { tables: [], issues: [], type: "signature" as const, data: false }
    : source.unavailable !== undefined
      ? {
          ...fail({ code: "UNAVAILABLE", path: "", detail: source.unavailable }),
          type: "other" as const,
          data: true,
        }
      : declaredEncrypted(source)
        ? { ...fail({ code: "ENCRYPTED", path: "" }), type: "encrypted" as const, data: true }
        : late(ctx)
          ? timedOut(source, ctx)
          : await readFile(source.bytes, source.filename, "", 0, ctx);
  // With no table read, the first member's issue stands for the whole: a ZIP whose only member
  // is encrypted, or a workbook whose every sheet is a bomb, was not inspected at all.
  const whole =
    read.issues.find((i) => i.path === "") ?? (read.tables.length === 0 ? read.issues[0] : undefined);
  const base = { filename: source.filename, type: read.type, size: source.bytes.length };
  if (!read.data)
    return {
      ...base,
      status: "skipped",
      tables: [],
      issues: [],
      ...(read.imagesOnly ? { imagesOnly: true } : {}),
    };
  if (whole !== undefined && read.tables.length === 0) {
    return {
      ...base,
      status: "uninspectable",
      reason: whole,
      tables: [],
      issues: read.issues.filter((i) => i !== whole),
    };
  }
  return { ...base, status: "inspected", tables: read.tables, issues: read.issues };
}
