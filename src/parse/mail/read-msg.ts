// An Outlook .msg item ([MS-OXMSG]) as a Draft: sender, recipients from the recipient table,
// subject, bodies (plain, HTML, and compressed RTF), attachments by value, and embedded Outlook
// items, each written out as a .msg of its own and read later like any attached message.
import { addressParser } from "postal-mime";
import type { AttachmentSource } from "../../model/attachment.js";
import type { AddressIn, BodyText, Draft, DraftError } from "../../model/draft.js";
import { type Cfb, isCfb, openCfb } from "../legacy/cfb.js";
import { writeCfb } from "../legacy/write-cfb.js";
import { clockTick } from "../read-in-time.js";
import { ScanTimeout } from "../xml/xml-scanner.js";
import { bodyFromParts } from "./body-from-parts.js";
import { codePageDecoder, MsgStorage } from "./msg-storage.js";

// Property ids ([MS-OXPROPS]).
const PR_SUBJECT = 0x0037;
const PR_TRANSPORT_MESSAGE_HEADERS = 0x007d;
const PR_SENT_REPRESENTING_ADDRTYPE = 0x0064;
const PR_SENT_REPRESENTING_EMAIL_ADDRESS = 0x0065;
const PR_SENDER_ADDRTYPE = 0x0c1e;
const PR_SENDER_EMAIL_ADDRESS = 0x0c1f;
const PR_RECIPIENT_TYPE = 0x0c15;
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_BODY_HTML = 0x1013;
const PR_DISPLAY_NAME = 0x3001;
const PR_EMAIL_ADDRESS = 0x3003;
const PR_ATTACH_DATA = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_METHOD = 0x3705;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_SMTP_ADDRESS = 0x39fe;
const PR_INTERNET_CPID = 0x3fde;
const PR_MESSAGE_CODEPAGE = 0x3ffd;
const PR_SENDER_SMTP_ADDRESS = 0x5d01;
const PR_SENT_REPRESENTING_SMTP_ADDRESS = 0x5d02;

const ATTACH_BY_VALUE = 1;
const ATTACH_EMBEDDED_MSG = 5;
const ATTACH_OLE = 6;

const RECIPIENT = /^__recip_version1\.0_#[0-9a-f]{8}$/i;
const ATTACHMENT = /^__attach_version1\.0_#[0-9a-f]{8}$/i;
/** The storage an embedded message or OLE object lives in (PR_ATTACH_DATA_OBJ, PtypObject). */
const DATA_OBJECT = "__substg1.0_3701000D";
const PROPERTIES = "__properties_version1.0";

/** Whether bytes are an Outlook item: a compound file with MAPI property streams at its root. */
export function isMsg(bytes: Uint8Array): boolean {
  if (!isCfb(bytes)) return false;
  const opened = openCfb(bytes);
  return opened.ok && hasMapiRoot(opened.cfb);
}

const hasMapiRoot = (cfb: Cfb): boolean =>
  cfb.streams.some((s) => s.path.toLowerCase() === PROPERTIES) &&
  cfb.streams.some((s) => /^__substg1\.0_[0-9a-f]{8}$/i.test(s.path));

type MsgRead = { ok: true; draft: Draft } | { ok: false; error: DraftError; detail?: string };

/**
 * Parses an Outlook .msg into a Draft; a damaged file is MALFORMED, never a throw. `late` is the
 * draft's clock (an attached item is read on it), asked as its streams are looked up: time up is TIMEOUT.
 */
export function readMsg(bytes: Uint8Array, late?: () => boolean): MsgRead {
  const opened = openCfb(bytes);
  if (!opened.ok) return { ok: false, error: "MALFORMED", detail: opened.issue.detail };
  if (!hasMapiRoot(opened.cfb)) return { ok: false, error: "NOT_A_MESSAGE" };
  try {
    return readItem(opened.cfb, bytes.length, clockTick(late, 256));
  } catch (error) {
    if (!(error instanceof ScanTimeout)) throw error;
    return { ok: false, error: "TIMEOUT" };
  }
}

/** The item's parts, from the root storage down; the tick throws ScanTimeout when time is up. */
function readItem(cfb: Cfb, maxBytes: number, tick: () => void): MsgRead {
  const root = new MsgStorage(cfb, "", "message", maxBytes, {}, tick);
  root.decoder = codePageDecoder(root.int(PR_MESSAGE_CODEPAGE) ?? root.int(PR_INTERNET_CPID));
  const senders = sendersOf(root);
  const draft: Draft = {
    from: senders[0] ?? null,
    senders,
    subject: root.string(PR_SUBJECT) ?? null,
    recipients: root.children(RECIPIENT).map((name) => recipientOf(root.child(name, "child"))),
    attachments: root
      .children(ATTACHMENT)
      .map((name, i) => attachmentOf(root.child(name, "child"), i))
      .filter((a): a is AttachmentSource => a !== undefined),
    bodies: bodiesOf(root),
  };
  if (root.damage.detail !== undefined) return { ok: false, error: "MALFORMED", detail: root.damage.detail };
  return { ok: true, draft };
}

/** An SMTP address from an address and its type: Exchange's X.500 names are not mail domains. */
const smtp = (address: string | undefined, type: string | undefined): string | undefined =>
  address && (type === undefined || type.toUpperCase() === "SMTP" || address.includes("@"))
    ? address
    : undefined;

/** Who the item is from (the mailbox it is sent as) and who sends it, each once. */
function sendersOf(root: MsgStorage): string[] {
  const representing =
    root.string(PR_SENT_REPRESENTING_SMTP_ADDRESS) ??
    smtp(root.string(PR_SENT_REPRESENTING_EMAIL_ADDRESS), root.string(PR_SENT_REPRESENTING_ADDRTYPE));
  const sender =
    root.string(PR_SENDER_SMTP_ADDRESS) ??
    smtp(root.string(PR_SENDER_EMAIL_ADDRESS), root.string(PR_SENDER_ADDRTYPE));
  const all = [representing, sender].filter((a): a is string => a !== undefined && a !== "");
  return all.length > 0 ? [...new Set(all.map((a) => a.trim()))] : headerSenders(root);
}

/**
 * The From addresses of the headers a received item kept (PR_TRANSPORT_MESSAGE_HEADERS): an item
 * from an Exchange mailbox names its sender only by an X.500 name besides them.
 */
function headerSenders(root: MsgStorage): string[] {
  const headers = root.string(PR_TRANSPORT_MESSAGE_HEADERS);
  const from = headers && /^from:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers);
  if (!from) return [];
  return addressParser(from[1].replace(/\r?\n/g, ""))
    .flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address]))
    .filter((a) => a !== "");
}

const FIELDS: Record<number, AddressIn["field"]> = { 1: "to", 2: "cc", 3: "bcc" };

/**
 * One row of the recipient table. Without an SMTP address the Exchange name or the display name
 * stands in: a recipient Outlook has not resolved still goes somewhere, and a name without a
 * domain is never internal (fail closed).
 */
function recipientOf(recip: MsgStorage): AddressIn {
  const field = FIELDS[(recip.int(PR_RECIPIENT_TYPE) ?? 1) & 0xf] ?? "to";
  const address =
    recip.string(PR_SMTP_ADDRESS) ||
    recip.string(PR_EMAIL_ADDRESS) ||
    recip.string(PR_DISPLAY_NAME) ||
    "(unresolved recipient)";
  return { address: address.trim(), field };
}

/** The message's one body: plain text, HTML, and what compressed RTF adds when either is missing. */
function bodiesOf(root: MsgStorage): BodyText[] {
  const htmlBytes = root.binary(PR_BODY_HTML);
  const html = htmlBytes !== undefined ? root.decoder.decode(htmlBytes) : root.string(PR_BODY_HTML);
  const rtf = () => root.binary(PR_RTF_COMPRESSED);
  return bodyFromParts({ plain: root.string(PR_BODY), html, rtf }, root.tick);
}

/** An attachment's file: by value, an embedded Outlook item, or an OLE object, each as bytes. */
function attachmentOf(attach: MsgStorage, index: number): AttachmentSource | undefined {
  const method = attach.int(PR_ATTACH_METHOD) ?? ATTACH_BY_VALUE;
  const named =
    attach.string(PR_ATTACH_LONG_FILENAME) ||
    attach.string(PR_ATTACH_FILENAME) ||
    attach.string(PR_DISPLAY_NAME);
  const contentType = attach.string(PR_ATTACH_MIME_TAG) ?? "";
  if (method === ATTACH_EMBEDDED_MSG || method === ATTACH_OLE) {
    const bytes = storageAsFile(attach, method === ATTACH_EMBEDDED_MSG);
    if (bytes === undefined) return undefined;
    const filename =
      method === ATTACH_EMBEDDED_MSG ? `${named || `item-${index + 1}`}.msg` : named || `object-${index + 1}`;
    return {
      filename,
      contentType: method === ATTACH_EMBEDDED_MSG ? "application/vnd.ms-outlook" : "",
      bytes,
    };
  }
  // By reference (2-4, 7) the file stays on a disk or a server: the message does not carry it.
  const bytes = attach.binary(PR_ATTACH_DATA);
  if (bytes === undefined) return undefined;
  return { filename: named || `attachment-${index + 1}`, contentType, bytes };
}

/**
 * The storage inside an attachment written out as a compound file of its own: an embedded item
 * becomes a standalone .msg (its property header grows from 24 to 32 bytes, [MS-OXMSG] 2.4.1),
 * an OLE object the file its application saved (an embedded workbook is an .xls).
 */
function storageAsFile(attach: MsgStorage, message: boolean): Uint8Array | undefined {
  const prefix = `${attach.prefix}${DATA_OBJECT}/`.toLowerCase();
  const inside = attach.cfb.streams.filter((s) => s.path.toLowerCase().startsWith(prefix));
  if (inside.length === 0) return undefined;
  const entries = [];
  for (const { path } of inside) {
    attach.tick();
    const name = path.slice(prefix.length);
    let bytes = attach.stream(`${DATA_OBJECT}/${name}`);
    if (bytes === undefined) return undefined;
    if (message && name.toLowerCase() === PROPERTIES && bytes.length >= 24) {
      const grown = new Uint8Array(bytes.length + 8);
      grown.set(bytes.subarray(0, 24));
      grown.set(bytes.subarray(24), 32);
      bytes = grown;
    }
    entries.push({ path: name, bytes });
  }
  return writeCfb(entries);
}
