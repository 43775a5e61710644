// The text of an RTF body (RTF 1.9.1): groups, control words, `\'hh` bytes in the document's code
// page and `\uN` characters. Outlook wraps HTML mail in RTF ([MS-OXRTFEX]): with `\fromhtml1` the
// HTML is taken back out (`\*\htmltag` groups hold markup, text under `\htmlrtf` is RTF-only);
// otherwise the visible text is kept, table cells split by tabs and rows by line ends, so a table
// typed in Outlook's rich-text editor reaches the body's table reader as one.
import { codePageDecoder, type Decoder } from "./msg-storage.js";

/** An RTF body as HTML (when it encapsulates HTML) or as plain text. */
export type RtfText = { html: string } | { plain: string };

/** Destinations that hold no visible text. */
const SKIPPED = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "pict",
  "object",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "generator",
  "themedata",
  "colorschememapping",
  "datastore",
  "latentstyles",
  "xmlnstbl",
  "filetbl",
  "revtbl",
  "fldinst",
  "header",
  "footer",
  "pntext",
]);

interface Group {
  skip: boolean;
  htmlrtf: boolean;
  uc: number;
}

/** Reads RTF text; `\par` and `\line` end lines, `\cell` ends a cell and `\row` a table row. */
class RtfReader {
  private out = "";
  private bytes: number[] = [];
  private decoder: Decoder = new TextDecoder("windows-1252");
  private stack: Group[] = [];
  private group: Group = { skip: false, htmlrtf: false, uc: 1 };
  private fromHtml = false;
  /** Characters still to drop after a `\uN` (its ANSI fallback). */
  private dropping = 0;
  /** Set when the next control word opens an ignorable destination (`\*`). */
  private starred = false;
  private first = true;

  /** `tick` is the draft's clock, asked per character; it throws ScanTimeout when time is up. */
  constructor(
    private readonly src: string,
    private readonly tick: () => void,
  ) {}

  run(): RtfText {
    const { src } = this;
    let at = 0;
    while (at < src.length) {
      this.tick();
      const c = src[at];
      if (c === "{") {
        this.stack.push(this.group);
        this.group = { ...this.group };
        this.first = true;
        at++;
      } else if (c === "}") {
        this.flush();
        this.group = this.stack.pop() ?? this.group;
        at++;
      } else if (c === "\\") at = this.control(at + 1);
      else {
        if (c !== "\r" && c !== "\n") this.char(c);
        at++;
      }
    }
    this.flush();
    return this.fromHtml ? { html: this.out } : { plain: this.out };
  }

  /** A control word or symbol after its backslash; the index after it. */
  private control(at: number): number {
    const { src } = this;
    const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(at, at + 45));
    if (m) {
      this.word(m[1], m[2] === undefined ? undefined : Number(m[2]));
      return at + m[0].length;
    }
    const c = src[at];
    if (c === "'") {
      const byte = Number.parseInt(src.slice(at + 1, at + 3), 16);
      if (!Number.isNaN(byte)) this.byte(byte);
      return at + 3;
    }
    if (c === "*") this.starred = true;
    else if (c === "\\" || c === "{" || c === "}") this.char(c);
    else if (c === "~") this.char("\u00a0");
    else if (c === "\r" || c === "\n") this.emit("\n");
    return at + 1;
  }

  /** A control word with its parameter. */
  private word(name: string, param: number | undefined): void {
    const opening = this.first;
    this.first = false;
    if (this.starred || (opening && SKIPPED.has(name))) {
      this.starred = false;
      // In encapsulated HTML the markup itself is a starred destination that must be kept.
      if (this.fromHtml && name === "htmltag") this.group.htmlrtf = false;
      else this.group.skip = true;
      return;
    }
    if (name === "fromhtml" && param === 1) this.fromHtml = true;
    else if (name === "htmlrtf") this.group.htmlrtf = param !== 0;
    else if (name === "ansicpg" && param !== undefined) this.decoder = codePageDecoder(param);
    else if (name === "uc" && param !== undefined) this.group.uc = param;
    else if (name === "u" && param !== undefined) {
      this.emit(String.fromCharCode(param < 0 ? param + 65536 : param));
      this.dropping = this.group.uc;
    } else if (name === "par" || name === "line") this.emit("\n");
    else if (name === "tab") this.emit("\t");
    else if (name === "cell" || name === "nestcell") this.emit("\t");
    else if (name === "row" || name === "nestrow") {
      if (this.visible()) this.out = this.out.replace(/\t$/, "");
      this.emit("\n");
    }
  }

  private visible(): boolean {
    return !this.group.skip && !this.group.htmlrtf;
  }

  private char(c: string): void {
    if (this.dropping > 0) {
      this.dropping--;
      return;
    }
    const code = c.charCodeAt(0);
    if (code < 0x80) this.emit(c);
    else this.byte(code);
  }

  private byte(b: number): void {
    if (this.dropping > 0) {
      this.dropping--;
      return;
    }
    if (this.visible()) this.bytes.push(b);
  }

  private emit(text: string): void {
    this.flush();
    if (this.visible()) this.out += text;
  }

  private flush(): void {
    if (this.bytes.length === 0) return;
    this.out += this.decoder.decode(Uint8Array.from(this.bytes));
    this.bytes = [];
  }
}

/** The text of RTF bytes: HTML when Outlook encapsulated HTML in it, else the visible text. */
export function readRtf(bytes: Uint8Array, tick: () => void = () => {}): RtfText {
  return new RtfReader(new TextDecoder("latin1").decode(bytes), tick).run();
}
