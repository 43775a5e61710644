import PostalMime, { type Address, addressParser } from "postal-mime";
import type { AttachmentSource } from "../../model/attachment.js";
import type { AddressIn, BodyText, Draft, DraftError } from "../../model/draft.js";
import { isCfb } from "../legacy/cfb.js";
import { joinDecodedPartsDirectly } from "./join-decoded-parts.js";
import { decodeLiftedBody, liftLargeBodies, putBackInside } from "./lift-large-bodies.js";
import { readMsg } from "./read-msg.js";
import { readPatchFiles } from "./read-patch-files.js";
import { skipBom } from "./skip-bom.js";

const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;

/** Drops an mbox `From ` separator line (git format-patch, postponed folders) from the start. */
export function stripMboxLine(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "From ") {
    const eol = bytes.indexOf(0x0a);
    return eol < 0 ? new Uint8Array(0) : bytes.subarray(eol + 1);
  }
  return bytes;
}

function flatten(list: Address[] | undefined, field: AddressIn["field"]): AddressIn[] {
  return (list ?? []).flatMap((a) =>
    a.group !== undefined
      ? a.group.map((m) => ({ address: m.address, field }))
      : [{ address: a.address, field }],
  );
}

type Email = Awaited<ReturnType<typeof PostalMime.parse>>;

/** Every From address, group members included; who is internal depends on each of them. */
const sendersOf = (email: Email): string[] =>
  email.headers
    .filter((h) => h.key === "from" && h.value)
    .flatMap((h) => flatten(addressParser(h.value), "to"))
    .map((a) => a.address)
    .filter((address) => address !== "");

/** A parsed message with each body on its own, as MessageParser collects them. */
type Parsed = Email & { bodies: BodyText[] };

/** What of a MIME part postal-mime 4.0.0 hands to isInlineTextNode (src/mime-node.ts). */
interface MimePart {
  contentDisposition: { parsed: { params: Record<string, string> } };
  contentType: { parsed: { params: Record<string, string> } };
}

/** postal-mime 4.0.0's internals used here (src/postal-mime.ts; the version is pinned exactly). */
interface PostalMimeInternals {
  isInlineTextNode(node: MimePart): boolean;
  /** Text parts by body: a multipart/alternative, or the text part itself, to its forms. */
  textMap: Map<unknown, Partial<Record<"plain" | "html", { type: string; value: unknown }[]>>>;
}

const internals = PostalMime.prototype as unknown as PostalMimeInternals;

/**
 * postal-mime, told two things its options cannot say. A text part that carries a filename is an
 * attachment whatever its disposition: postal-mime folds an `inline` text/plain part into the body
 * (Apple Mail marks an attached Excel "Tab delimited text" .txt so), where it was never read as a
 * file. And each body is kept apart, with its plain and HTML forms, rather than joined into one.
 */
class MessageParser extends PostalMime {
  constructor(options: ConstructorParameters<typeof PostalMime>[0]) {
    super(options);
    joinDecodedPartsDirectly((this as unknown as { root: object }).root);
  }

  isInlineTextNode(node: MimePart): boolean {
    const named = node.contentDisposition.parsed.params.filename || node.contentType.parsed.params.name;
    return !named && internals.isInlineTextNode.call(this, node);
  }

  async parseBodies(bytes: Uint8Array): Promise<Parsed> {
    const email = await this.parse(bytes);
    const bodies: BodyText[] = [];
    for (const forms of (this as unknown as PostalMimeInternals).textMap.values()) {
      const text = (form: "plain" | "html"): string | undefined => {
        const parts = forms[form]?.filter((item) => item.type === "text").map((item) => String(item.value));
        return parts === undefined || parts.length === 0 ? undefined : parts.join("\n");
      };
      const plain = text("plain");
      const html = text("html");
      bodies.push({ ...(plain !== undefined ? { plain } : {}), ...(html !== undefined ? { html } : {}) });
    }
    return { ...email, bodies };
  }
}

const parseWhole = (bytes: Uint8Array): Promise<Parsed> =>
  new MessageParser({ forceRfc822Attachments: true, attachmentEncoding: "arraybuffer" }).parseBodies(bytes);

/**
 * Parses a message with its large base64 bodies lifted out (see lift-large-bodies.ts) and put back
 * decoded; null when there is nothing to lift, or when a lifted body does not come back exactly
 * once, in which case the caller parses the message whole as before.
 */
async function parseLifted(bytes: Uint8Array): Promise<Parsed | null> {
  const lifted = liftLargeBodies(bytes);
  if (lifted === null) return null;
  const email = await parseWhole(lifted.skeleton);
  const restored = new Set<string>();
  for (const attachment of email.attachments) {
    const content = attachment.content;
    if (typeof content === "string") continue;
    if (content.byteLength > 64) {
      // Only an attached message can hold lifted parts; any other file is left as it came (a
      // marker elsewhere stays unrestored, and the draft is parsed whole).
      if (!/^message\//i.test(attachment.mimeType)) continue;
      const whole = putBackInside(new Uint8Array(content), lifted.bodies, restored);
      if (whole === null) return null;
      attachment.content = whole;
      continue;
    }
    const marker = new TextDecoder("latin1").decode(content);
    const body = lifted.bodies.get(marker);
    if (body === undefined || restored.has(marker)) continue;
    const decoded = decodeLiftedBody(body);
    if (decoded === null) return null;
    attachment.content = decoded;
    restored.add(marker);
  }
  return restored.size === lifted.bodies.size ? email : null;
}

/**
 * Parses a draft (RFC 5322, MIME, or an Outlook .msg told by its bytes); attached messages stay
 * attachments, read later like any other. `late` is the clock of the draft an attached message
 * belongs to: an Outlook item read past it is TIMEOUT.
 */
export async function parseDraft(
  input: Uint8Array,
  late?: () => boolean,
): Promise<{ ok: true; draft: Draft } | { ok: false; error: DraftError; detail?: string }> {
  if (isCfb(input)) return readMsg(input, late);
  const bytes = stripMboxLine(skipBom(input));
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09))
    return { ok: false, error: "EMPTY" };
  const firstLine = new TextDecoder("latin1").decode(bytes.subarray(0, 1000)).replace(/^[\r\n]+/, "");
  if (!HEADER_LINE.test(firstLine)) return { ok: false, error: "NOT_A_MESSAGE" };
  let email: Parsed;
  try {
    email = (await parseLifted(bytes)) ?? (await parseWhole(bytes));
  } catch (error) {
    return { ok: false, error: "MALFORMED", detail: error instanceof Error ? error.message : String(error) };
  }
  const from = email.from && email.from.group === undefined ? email.from.address : null;
  const attachments = email.attachments.map((a, i): AttachmentSource => {
    const content = a.content;
    const data =
      typeof content === "string"
        ? new TextEncoder().encode(content)
        : content instanceof Uint8Array
          ? content
          : new Uint8Array(content);
    return { filename: a.filename || defaultName(a.mimeType, i), contentType: a.mimeType, bytes: data };
  });
  // A patch mail (git format-patch) carries committed files in its body, not as attachments.
  const patched =
    email.text !== undefined && /^diff --git /m.test(email.text)
      ? readPatchFiles(email.text).map((file) => ({ ...file, fromBody: true }))
      : [];
  return {
    ok: true,
    draft: {
      from: from || null,
      senders: sendersOf(email),
      subject: email.subject ?? null,
      recipients: [...flatten(email.to, "to"), ...flatten(email.cc, "cc"), ...flatten(email.bcc, "bcc")],
      attachments: [...attachments, ...patched],
      bodies: email.bodies.map((body) => (patched.length > 0 ? withoutPatch(body) : body)),
    },
  };
}

/**
 * A patch mail's body without its diffs: the files it carries are read as files (readPatchFiles),
 * and reading their lines again as the body's text would count every row twice.
 */
function withoutPatch(body: BodyText): BodyText {
  if (body.plain === undefined) return body;
  const cut = body.plain.search(/^(?:---|diff --git .*)$/m);
  return { ...body, plain: cut < 0 ? body.plain : body.plain.slice(0, cut) };
}

const EXTENSIONS: Record<string, string> = {
  "message/rfc822": "eml",
  "text/csv": "csv",
  "text/tab-separated-values": "tsv",
  "application/zip": "zip",
  "application/pdf": "pdf",
  "application/pgp-encrypted": "pgp",
  "application/pkcs7-mime": "p7m",
  "application/x-pkcs7-mime": "p7m",
};

function defaultName(mimeType: string, index: number): string {
  return `attachment-${index + 1}.${EXTENSIONS[mimeType.toLowerCase()] ?? "bin"}`;
}
