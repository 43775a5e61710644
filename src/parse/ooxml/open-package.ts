import type { ReadIssue } from "../../model/table.js";
import { extractZipEntry, listZipEntries, type ZipContext, type ZipEntry } from "../container/zip.js";
import { CFB_MAGIC, startsWith } from "../magic-bytes.js";
import { declaresDtd, decodePart, XmlScanner } from "../xml/xml-scanner.js";

/** A relationship of one part to another (Open Packaging Conventions, ECMA-376 part 2). */
export interface Relationship {
  type: string;
  target: string;
}

/** Thrown inside a read to abandon the whole file; caught in readXlsx, never escapes. */
export class DtdRefused {}

/** Joins a relationship target to the folder of its source part, resolving `.` and `..`. */
function resolveTarget(baseDir: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : baseDir ? `${baseDir}/${target}` : target;
  const out: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

const dirOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf("/")));
/** The last segment of a part path. */
export const baseOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
const relsOf = (path: string): string => resolveTarget(dirOf(path), `_rels/${baseOf(path)}.rels`);

/** Relationships of a part by id, with targets resolved to part paths; external ones dropped. */
function parseRels(xml: string, sourcePath: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.close || s.name !== "Relationship" || s.attr("TargetMode") === "External") continue;
    const id = s.attr("Id");
    const target = s.attr("Target");
    if (id && target)
      rels.set(id, { type: s.attr("Type") ?? "", target: resolveTarget(dirOf(sourcePath), target) });
  }
  return rels;
}

/** The first relationship whose type ends with `suffix`, as its target. */
export function relOfType(rels: Map<string, Relationship>, suffix: string): string | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel.target;
  return undefined;
}

/**
 * An opened OOXML package: parts read on demand under the ZIP caps, each refused when it declares
 * a DTD. A part that cannot be read leaves an issue in `issues` and reads as undefined.
 */
export class OoxmlPackage {
  readonly issues: ReadIssue[] = [];
  private readonly byPath = new Map<string, ZipEntry>();

  constructor(
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
    private readonly ctx: ZipContext,
    /** Put before part paths in issues, e.g. `inner.zip/book.xlsx#`. */
    readonly prefix: string,
  ) {
    for (const entry of entries) {
      const key = entry.name.replace(/^\/+/, "").toLowerCase();
      if (!this.byPath.has(key)) this.byPath.set(key, entry);
    }
  }

  /** A part as text; undefined when absent or unreadable (then an issue at issuePath). */
  readPart(path: string, issuePath = `${this.prefix}${path}`): string | undefined {
    const entry = this.byPath.get(path.toLowerCase());
    if (!entry) return undefined;
    const out = this.extract(entry);
    if (!out.ok) {
      this.issues.push({ ...out.issue, path: issuePath });
      return undefined;
    }
    const xml = decodePart(out.bytes);
    if (declaresDtd(xml)) throw new DtdRefused();
    return xml;
  }

  /** An entry's bytes under the package's caps. */
  extract(entry: ZipEntry): ReturnType<typeof extractZipEntry> {
    return extractZipEntry(this.bytes, entry, this.ctx);
  }

  /** The relationships of a part (`""` for the package's own). */
  readRels(source: string): Map<string, Relationship> {
    const xml = this.readPart(relsOf(source));
    return xml === undefined ? new Map() : parseRels(xml, source);
  }

  /** Parts whose lower-cased path matches `pattern`, in the order of the number it captures. */
  numberedParts(pattern: RegExp): { n: number; path: string }[] {
    const parts: { n: number; path: string }[] = [];
    for (const key of this.byPath.keys()) {
      const match = pattern.exec(key);
      if (match) parts.push({ n: Number(match[1]), path: key });
    }
    return parts.sort((a, b) => a.n - b.n);
  }
}

/** Bytes that begin as an OLE compound file: an encrypted OOXML package or a legacy file. */
function cfbKind(bytes: Uint8Array): "encrypted" | "other" | undefined {
  if (!startsWith(bytes, CFB_MAGIC)) return undefined;
  // Directory entries name their streams in UTF-16LE; an encrypted package has this one (MS-OFFCRYPTO).
  const needle = Array.from("EncryptedPackage", (ch) => [ch.charCodeAt(0), 0]).flat();
  for (let i = bytes.indexOf(needle[0]); i >= 0; i = bytes.indexOf(needle[0], i + 1)) {
    if (needle.every((b, k) => bytes[i + k] === b)) return "encrypted";
  }
  return "other";
}

/** Opens a package, or says in an issue at filePath why it is not one (encrypted, CFB, bad ZIP). */
export function openPackage(
  bytes: Uint8Array,
  ctx: ZipContext,
  prefix: string,
  filePath: string,
): OoxmlPackage | ReadIssue {
  const cfb = cfbKind(bytes);
  if (cfb === "encrypted") return { code: "ENCRYPTED", path: filePath, detail: "encrypted package" };
  if (cfb) return { code: "UNSUPPORTED", path: filePath, detail: "compound file, not a zip" };
  const listing = listZipEntries(bytes);
  if (!listing.ok) return { ...listing.issue, path: filePath };
  return new OoxmlPackage(bytes, listing.entries, ctx, prefix);
}
