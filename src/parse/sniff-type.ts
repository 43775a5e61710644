import type { FileType } from "../model/attachment.js";
import { isTar } from "./container/tar.js";
import {
  ARCHIVE_MAGICS,
  CFB_MAGIC,
  GZIP_MAGIC,
  IMAGE_MAGICS,
  PDF_MAGIC,
  startsWith,
  TNEF_MAGIC,
  ZIP_EMPTY_MAGIC,
  ZIP_LOCAL_MAGIC,
} from "./magic-bytes.js";
import { sniffEncryption } from "./sniff-encryption.js";
import { decodeText } from "./text/decode-text.js";
import { findFixedColumns } from "./text/read-fixed-width.js";

/** Bytes of the head looked at to decide whether a file is text and which kind. */
const TEXT_PROBE_BYTES = 16 * 1024;
/** Lines of a text head looked at for headers and delimiters. */
const PROBE_LINES = 20;

/**
 * Tells a file's type from its bytes; the filename only breaks ties (text flavours, a ZIP whose
 * entries were not listed). `zipEntryNames` are the entries of a ZIP, listed by the caller.
 */
export function sniffType(bytes: Uint8Array, filename: string, zipEntryNames?: string[]): FileType {
  const ext = extensionOf(filename);
  if (startsWith(bytes, ZIP_LOCAL_MAGIC) || startsWith(bytes, ZIP_EMPTY_MAGIC)) {
    return sniffZip(bytes, ext, zipEntryNames);
  }
  if (startsWith(bytes, CFB_MAGIC)) return sniffCfb(bytes);
  if (isBiffBof(bytes)) return "xls";
  const binary = sniffBinaryMagic(bytes);
  if (binary) return binary;
  // PGP armour is text and a PGP packet or an S/MIME body looks like any binary: both before text.
  // A detached signature is typed too, so that it is skipped as holding no data, by name.
  const encryption = sniffEncryption(bytes);
  if (encryption !== undefined) return encryption;
  return sniffText(bytes, ext);
}

const DATA_TYPES: ReadonlySet<FileType> = new Set<FileType>([
  "csv",
  "tsv",
  "xlsx",
  "xlsm",
  "xlsb",
  "xls",
  "ods",
  "zip",
  "gzip",
  "tar",
  "docx",
  "html",
  "spreadsheetml",
  "fods",
  "sylk",
  "odt",
  "fixed",
  "json",
  "vcard",
  "ldif",
  "eml",
  "msg",
  "tnef",
  "encrypted-ooxml",
  "encrypted",
  "archive",
  // Contract v2: documents are read for tables like spreadsheets, so one guard cannot read (legacy
  // Word, a damaged PDF) is uninspectable, never skipped as if it held nothing.
  "pdf",
  "doc",
]);

/** Names that promise rows of data (or a container of them) whatever the bytes turned out to be. */
const DATA_EXTENSIONS: ReadonlySet<string> = new Set([
  "csv",
  "tsv",
  "tab",
  "xlsx",
  "xlsm",
  "xltx",
  "xltm",
  "xls",
  "xlt",
  "xlsb",
  "ods",
  "ots",
  "fods",
  "numbers",
  "zip",
  "7z",
  "rar",
  "gz",
  "tgz",
  "tar",
  "bz2",
  "xz",
  "eml",
  "msg",
  "mbox",
  "docx",
  "docm",
  "dotx",
  "doc",
  "dot",
  "odt",
  "ott",
  "rtf",
  "pdf",
  "slk",
  "sylk",
  "prn",
  "json",
  "jsonl",
  "ndjson",
  "vcf",
  "vcard",
  "ldif",
  "ldi",
]);

/**
 * Whether an attachment that could not be read should count as uninspectable data (true) rather
 * than as content that holds no tables, such as images, audio and presentations (false).
 */
export function isDataLike(type: FileType, filename: string): boolean {
  return DATA_TYPES.has(type) || DATA_EXTENSIONS.has(extensionOf(filename));
}

function extensionOf(filename: string): string {
  const base = filename.replace(/^.*[/\\]/, "");
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

const ODF_SPREADSHEET_EXTENSIONS = new Set(["ods", "ots", "fods"]);
const ODF_DOCUMENT_EXTENSIONS = new Set(["odt", "ott", "odp", "otp", "odg", "otg", "odf", "odb"]);

/** OOXML, ODF and Numbers are all ZIPs; the entry names (and ODF's stored mimetype) tell them apart. */
function sniffZip(bytes: Uint8Array, ext: string, zipEntryNames: string[] | undefined): FileType {
  // ODF requires `mimetype` as the first entry, stored uncompressed, so its content is readable
  // straight from the local header even when the caller did not list the entries.
  const mimetype = odfMimetype(bytes);
  if (mimetype !== undefined) {
    if (/^application\/vnd\.oasis\.opendocument\.spreadsheet(-template)?$/.test(mimetype)) return "ods";
    if (/^application\/vnd\.oasis\.opendocument\.text(-template|-master)?$/.test(mimetype)) return "odt";
    if (mimetype.startsWith("application/vnd.oasis.opendocument.")) return "document";
  }
  const names = (zipEntryNames ?? firstEntryName(bytes)).map((n) => n.replace(/\\/g, "/").toLowerCase());
  const has = (name: string) => names.includes(name);
  const hasPrefix = (prefix: string) => names.some((n) => n.startsWith(prefix));
  if (has("xl/workbook.xml")) return has("xl/vbaproject.bin") || ext === "xlsm" ? "xlsm" : "xlsx";
  if (has("xl/workbook.bin")) return "xlsb";
  if (hasPrefix("word/")) return "docx";
  if (hasPrefix("ppt/") || hasPrefix("visio/")) return "document";
  // Apple Numbers keeps its tables in IWA protobuf streams under Index/; nothing here reads them.
  if (hasPrefix("index/") && (ext === "numbers" || names.some((n) => n.endsWith(".iwa")))) return "archive";
  if (has("mimetype") || has("meta-inf/manifest.xml")) {
    // Only names are known here (the mimetype entry was not stored first, or was compressed), so
    // the extension decides; an unnamed ODF package is taken for a spreadsheet, the case that matters.
    if (ext === "odt" || ext === "ott") return "odt";
    return ODF_DOCUMENT_EXTENSIONS.has(ext) ? "document" : "ods";
  }
  if (zipEntryNames === undefined) {
    // Without the entry list only the name is left to tell an OOXML workbook from a plain ZIP.
    if (ext === "xlsx" || ext === "xltx") return "xlsx";
    if (ext === "xlsm" || ext === "xltm") return "xlsm";
    if (ext === "xlsb") return "xlsb";
    if (ODF_SPREADSHEET_EXTENSIONS.has(ext)) return "ods";
    if (ext === "numbers") return "archive";
  }
  return "zip";
}

/** The content of a stored `mimetype` first entry (ODF packaging, OpenDocument 1.2 part 3 §3.3). */
function odfMimetype(bytes: Uint8Array): string | undefined {
  if (bytes.length < 30) return undefined;
  const method = bytes[8] | (bytes[9] << 8);
  const size = bytes[18] | (bytes[19] << 8) | (bytes[20] << 16);
  const nameLength = bytes[26] | (bytes[27] << 8);
  const extraLength = bytes[28] | (bytes[29] << 8);
  if (method !== 0 || nameLength !== 8 || ascii(bytes, 30, 38) !== "mimetype" || size > 100) return undefined;
  const start = 38 + extraLength;
  return ascii(bytes, start, start + size).trim();
}

function firstEntryName(bytes: Uint8Array): string[] {
  if (!startsWith(bytes, ZIP_LOCAL_MAGIC) || bytes.length < 30) return [];
  const nameLength = bytes[26] | (bytes[27] << 8);
  return [ascii(bytes, 30, 30 + nameLength)];
}

/**
 * An OLE2 compound file: without a CFB parser, look for the directory entries themselves. Entries
 * are 128 bytes, sector-aligned, so they sit at multiples of 128 (MS-CFB 2.6): a UTF-16LE name,
 * then at 64 its byte length with the terminator, at 66 the object type (1 storage, 2 stream, 5 root).
 */
function sniffCfb(bytes: Uint8Array): FileType {
  const names = new Set<string>();
  for (let p = 512; p + 128 <= bytes.length; p += 128) {
    const nameBytes = bytes[p + 64] | (bytes[p + 65] << 8);
    const type = bytes[p + 66];
    if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || (type !== 1 && type !== 2)) continue;
    let name = "";
    for (let i = 0; i < nameBytes - 2; i += 2)
      name += String.fromCharCode(bytes[p + i] | (bytes[p + i + 1] << 8));
    names.add(name.toLowerCase());
  }
  if (names.has("encryptioninfo") || names.has("encryptedpackage")) return "encrypted-ooxml";
  // "Workbook" is BIFF8, "Book" BIFF5; writers differ in case (calamine's capitalized_wbook_stream.xls).
  if (names.has("workbook") || names.has("book")) return "xls";
  if (names.has("worddocument")) return "doc";
  if (names.has("powerpoint document")) return "document";
  // An Outlook item keeps its properties in these streams at its root ([MS-OXMSG] 2.1).
  if (names.has("__properties_version1.0") && [...names].some((n) => n.startsWith("__substg1.0_")))
    return "msg";
  return "cfb";
}

/** A bare BIFF2-4 worksheet (or BIFF5 stream saved outside CFB) starts with a BOF record. */
function isBiffBof(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x09) return false;
  if (![0x00, 0x02, 0x04, 0x08].includes(bytes[1])) return false;
  const length = bytes[2] | (bytes[3] << 8);
  return length >= 4 && length <= 20;
}

function sniffBinaryMagic(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, PDF_MAGIC) || ascii(bytes, 0, 1024).includes("%PDF-")) {
    return "pdf";
  }
  if (
    IMAGE_MAGICS.some((magic) => startsWith(bytes, magic)) ||
    ascii(bytes, 0, 6) === "GIF87a" ||
    ascii(bytes, 0, 6) === "GIF89a" ||
    (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") ||
    isBmp(bytes) ||
    (ascii(bytes, 4, 8) === "ftyp" && /^(heic|heix|mif1|avif)$/.test(ascii(bytes, 8, 12)))
  ) {
    return "image";
  }
  if (startsWith(bytes, GZIP_MAGIC)) return "gzip";
  if (isTar(bytes)) return "tar";
  // Outlook's winmail.dat: attachments packed for other Outlooks, opaque to every other client.
  if (startsWith(bytes, TNEF_MAGIC)) return "tnef";
  if (
    ARCHIVE_MAGICS.some((magic) => startsWith(bytes, magic)) ||
    ascii(bytes, 0, 6) === "Rar!\x1a\x07" ||
    (ascii(bytes, 0, 3) === "BZh" && bytes[3] >= 0x31 && bytes[3] <= 0x39)
  ) {
    return "archive";
  }
  return undefined;
}

/** "BM" alone also starts text ("BMW,..."), so the DIB header size must be one BMP defines. */
function isBmp(bytes: Uint8Array): boolean {
  if (bytes.length < 18 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return false;
  const dib = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib);
}

function sniffText(bytes: Uint8Array, ext: string): FileType {
  const head = decodeText(bytes.subarray(0, TEXT_PROBE_BYTES)).text;
  if (!looksLikeText(head)) return "other";
  const lines = head
    .split(/\r\n|\n|\r/)
    // The last line of the probe may be cut short mid-row.
    .slice(0, bytes.length > TEXT_PROBE_BYTES ? -1 : undefined)
    .slice(0, PROBE_LINES * 2);
  if (isMessage(lines, ext)) return "eml";
  const markup = sniffMarkup(head) ?? sniffExport(head);
  if (markup) return markup;
  const nonEmpty = lines.filter((l) => l.trim() !== "").slice(0, PROBE_LINES);
  const consistent = [",", ";", "|", "\t"].filter((d) => isConsistentDelimiter(nonEmpty, d));
  const byName: FileType | undefined =
    ext === "csv" ? "csv" : ext === "tsv" || ext === "tab" ? "tsv" : undefined;
  if (consistent.length > 0) {
    if (consistent.includes("\t")) {
      // Tabs are rare in prose, so a consistent tab count is TSV unless the name says CSV and
      // another delimiter is just as consistent.
      return byName === "csv" && consistent.length > 1 ? "csv" : "tsv";
    }
    return byName === "tsv" ? "tsv" : "csv";
  }
  if (byName === undefined && findFixedColumns(lines) !== null) return "fixed";
  return byName ?? "text";
}

/**
 * Contact and record exports written as text: vCard (`BEGIN:VCARD`, RFC 6350), LDIF (`version:`
 * or `dn:` first, RFC 2849) and JSON whose first value is an array of objects or an object with
 * keys (JSON Lines included); a JSON scalar or list of numbers is left to the text readers.
 */
function sniffExport(head: string): FileType | undefined {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (/^BEGIN:VCARD\b/i.test(start)) return "vcard";
  const first = start.split(/\r?\n/).find((l) => !l.startsWith("#")) ?? "";
  if (/^(version:\s*1\s*$|dn::?\s)/i.test(first)) return "ldif";
  if (/^\[\s*\{/.test(start) || /^\{\s*"(?:[^"\\]|\\.)*"\s*:/.test(start)) return "json";
  return undefined;
}

/**
 * Spreadsheets written as text: SYLK (`ID;P` first, Microsoft's SYLK notes), SpreadsheetML 2003
 * (Excel's XML Spreadsheet namespace), flat ODS (OpenDocument 1.3 part 1 §2.2.2 single XML file),
 * and HTML tables, which web CRMs name `.xls` for their "export to Excel".
 */
function sniffMarkup(head: string): FileType | undefined {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("ID;P")) return "sylk";
  if (!start.startsWith("<")) return undefined;
  if (/<Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet/.test(head)) return "spreadsheetml";
  if (/<office:document\b[^>]*opendocument\.spreadsheet/.test(head)) return "fods";
  if (
    /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|meta|table|style|title)\b/i.test(
      start,
    )
  ) {
    return "html";
  }
  return undefined;
}

/** Text has few control characters besides tab, CR, LF and form feed; binary has many, or NULs. */
function looksLikeText(head: string): boolean {
  if (head.length === 0) return true;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) control++;
  }
  return control / head.length < 0.02;
}

const MESSAGE_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "subject",
  "date",
  "received",
  "mime-version",
  "message-id",
  "return-path",
  "delivered-to",
  "reply-to",
  "content-type",
  "x-mailer",
]);

/**
 * An RFC 5322 message opens with header fields up to a blank line; an mbox file with a "From "
 * separator line. Two well-known field names are asked for (or one and the blank line that ends
 * the header), so "Name: Ann" in a note is not a mail. Real mail is untidy: leading blank lines,
 * obsolete "From  :" spacing and the odd garbage line in the header (all in the mail corpus) pass.
 */
function isMessage(lines: string[], ext: string): boolean {
  const start = lines.findIndex((l) => l.trim() !== "");
  if (start < 0) return false;
  const header = /^([!-9;-~]+)[ \t]*:/;
  if (/^From \S+/.test(lines[start]) && header.test(lines[start + 1] ?? "")) return true;
  const known = new Set<string>();
  let fields = 0;
  let garbage = 0;
  let ended = false;
  for (const line of lines.slice(start)) {
    if (line.trim() === "") {
      ended = true;
      break;
    }
    if (/^[ \t]/.test(line) && fields > 0) continue; // folded continuation of the previous field
    const m = header.exec(line);
    if (!m) {
      if (fields === 0) return false;
      garbage++;
      continue;
    }
    fields++;
    const name = m[1].toLowerCase();
    if (MESSAGE_HEADERS.has(name)) known.add(name);
  }
  if (garbage * 4 > fields) return false;
  return known.size >= 2 || (known.size === 1 && (ended || ext === "eml"));
}

/**
 * The same positive count of a delimiter (outside double quotes) on most probe lines. At least
 * two lines are needed: one line with a comma says nothing.
 */
function isConsistentDelimiter(lines: string[], delimiter: string): boolean {
  if (lines.length < 2) return false;
  const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
  const tally = new Map<number, number>();
  for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
  const best = Math.max(0, ...tally.values());
  // Quoted newlines split a record over lines, so allow a fifth of the lines to disagree.
  return best >= 2 && best >= counts.length * 0.8;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}
