// The XML underneath OOXML parts, read without a DOM: entities, Excel's string escape, and a
// forward-only tokenizer shared by the workbook reader and the readers of its caches.

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; unknown ones stay as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    ENTITY,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name];
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Undoes Excel's `_xHHHH_` escape for characters XML cannot hold (ECMA-376 22.9.2.19 ST_Xstring). */
export function decodeXString(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Thrown by XmlScanner.next() when the reader's time is up; each reader turns it into a TIMEOUT issue. */
export class ScanTimeout {}

const ATTR_NAME: string[] = [""];
const ATTR_VALUE: (string | undefined)[] = [undefined];

/**
 * A forward-only XML tokenizer over one string: no DOM, no per-element regex, so a 100+ MB sheet
 * is read in one linear pass. It reports start/end tags by local name (prefixes dropped, so
 * `x:row` is `row`) and reads attributes and text on demand.
 */
export class XmlScanner {
  pos = 0;
  name = "";
  close = false;
  selfClose = false;
  private attrStart = 0;
  private attrEnd = 0;
  private tags = 0;

  /**
   * `late` is asked at the first tag and every few thousand after whether time is up; then next()
   * throws ScanTimeout. The first look stops a workbook of many small parts as well as one large one.
   */
  constructor(
    private readonly xml: string,
    private readonly late?: () => boolean,
  ) {}

  /** Moves to the next tag; false at the end or at an unterminated tag. */
  next(): boolean {
    if (this.late !== undefined && (this.tags++ & 0xfff) === 0 && this.late()) throw new ScanTimeout();
    const xml = this.xml;
    const len = xml.length;
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0 || lt + 1 >= len) {
        this.pos = len;
        return false;
      }
      const first = xml.charCodeAt(lt + 1);
      if (first === 33 || first === 63) {
        // Comments, CDATA outside text, declarations and processing instructions carry nothing.
        const close = xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : ">";
        const end = xml.indexOf(close, lt + 2);
        this.pos = end < 0 ? len : end + close.length;
        continue;
      }
      this.close = first === 47;
      let i = this.close ? lt + 2 : lt + 1;
      const nameStart = i;
      let colon = -1;
      for (; i < len; i++) {
        const ch = xml.charCodeAt(i);
        if (ch === 58) colon = i;
        else if (ch <= 32 || ch === 47 || ch === 62) break;
      }
      this.name = xml.slice(colon >= 0 ? colon + 1 : nameStart, i);
      this.attrStart = i;
      // `>` is legal inside attribute values, so quotes are skipped when looking for the end.
      let quote = 0;
      for (; i < len; i++) {
        const ch = xml.charCodeAt(i);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 34 || ch === 39) quote = ch;
        else if (ch === 62) break;
      }
      if (i >= len) {
        this.pos = len;
        return false;
      }
      this.selfClose = xml.charCodeAt(i - 1) === 47;
      this.attrEnd = this.selfClose ? i - 1 : i;
      this.pos = i + 1;
      return true;
    }
  }

  /** An attribute of the current tag by local name (`r:id` is `id`), entity-decoded. */
  attr(name: string): string | undefined {
    ATTR_NAME[0] = name;
    this.attrs(ATTR_NAME, ATTR_VALUE, true);
    return ATTR_VALUE[0];
  }

  /**
   * Several attributes in one pass over the tag: `values[i]` gets the value of `names[i]`, or
   * undefined. Without `decode` values are raw, for hot attributes known to hold no entities.
   */
  attrs(names: readonly string[], values: (string | undefined)[], decode = false): void {
    const xml = this.xml;
    const end = this.attrEnd;
    values.fill(undefined);
    let i = this.attrStart;
    while (i < end) {
      let ch = xml.charCodeAt(i);
      if (ch <= 32 || ch === 47) {
        i++;
        continue;
      }
      const nameStart = i;
      let colon = -1;
      for (; i < end; i++) {
        ch = xml.charCodeAt(i);
        if (ch === 61 || ch <= 32) break;
        if (ch === 58) colon = i;
      }
      const nameEnd = i;
      while (i < end && xml.charCodeAt(i) <= 32) i++;
      if (xml.charCodeAt(i) !== 61) continue;
      i++;
      while (i < end && xml.charCodeAt(i) <= 32) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== 34 && quote !== 39) continue;
      const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (valueEnd < 0 || valueEnd > end) return;
      const local = colon >= 0 ? colon + 1 : nameStart;
      // `xmlns:r` declares a prefix; it is not an attribute named `r`.
      const isNamespace = colon - nameStart === 5 && xml.startsWith("xmlns", nameStart);
      const length = nameEnd - local;
      if (!isNamespace) {
        for (let k = 0; k < names.length; k++) {
          const name = names[k];
          if (length !== name.length || xml.charCodeAt(local) !== name.charCodeAt(0)) continue;
          if (length === 1 || xml.startsWith(name, local)) {
            const raw = xml.slice(i + 1, valueEnd);
            values[k] = decode ? decodeXmlEntities(raw) : raw;
            break;
          }
        }
      }
      i = valueEnd + 1;
    }
  }

  /** Steps over the end tag right at the current position, sparing next() a token per value. */
  skipEndTag(): void {
    if (this.xml.charCodeAt(this.pos) !== 60 || this.xml.charCodeAt(this.pos + 1) !== 47) return;
    const gt = this.xml.indexOf(">", this.pos);
    if (gt >= 0) this.pos = gt + 1;
  }

  /** The text after the current start tag up to the next tag, CDATA included; "" if self-closing. */
  text(): string {
    return this.selfClose ? "" : this.trailingText();
  }

  /** The text after the current tag, whatever its kind, up to the next tag: mixed content. */
  trailingText(): string {
    const xml = this.xml;
    let out = "";
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      const stop = lt < 0 ? xml.length : lt;
      if (stop > this.pos) out += decodeXmlEntities(xml.slice(this.pos, stop));
      this.pos = stop;
      if (lt < 0 || !xml.startsWith("<![CDATA[", lt)) return out;
      const end = xml.indexOf("]]>", lt + 9);
      out += xml.slice(lt + 9, end < 0 ? xml.length : end);
      this.pos = end < 0 ? xml.length : end + 3;
    }
  }
}

/** True when XML declares a DTD or entities, which we refuse rather than expand (billion laughs). */
export function declaresDtd(xml: string): boolean {
  for (let i = xml.indexOf("<!"); i >= 0; i = xml.indexOf("<!", i + 2)) {
    const word = xml.slice(i + 2, i + 9).toUpperCase();
    if (word === "DOCTYPE" || word.startsWith("ENTITY")) return true;
  }
  return false;
}

/** Decodes a part's bytes as text, honouring a UTF-16 byte order mark. */
export function decodePart(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}
