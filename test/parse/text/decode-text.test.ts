import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../../src/parse/text/decode-text.js";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));
const utf16le = (s: string) => [...Buffer.from(s, "utf16le")];
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  return [...le].map((_, i) => le[i ^ 1]);
};

describe("decodeText", () => {
  it.each([
    ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], "Name,Café"), "Name,Café", "utf-8"],
    ["UTF-8 without BOM", bytes("Zoë,£5"), "Zoë,£5", "utf-8"],
    [
      "UTF-16LE with BOM (Excel Unicode text)",
      bytes([0xff, 0xfe], utf16le("a\tb\r\nJosé\tx")),
      "a\tb\r\nJosé\tx",
      "utf-16le",
    ],
    ["UTF-16BE with BOM", bytes([0xfe, 0xff], utf16be("a,b\nc,d")), "a,b\nc,d", "utf-16be"],
    [
      "UTF-16LE without BOM",
      bytes(utf16le("name,email\nAnn,a@x.org")),
      "name,email\nAnn,a@x.org",
      "utf-16le",
    ],
    [
      "UTF-16BE without BOM",
      bytes(utf16be("name,email\nAnn,a@x.org")),
      "name,email\nAnn,a@x.org",
      "utf-16be",
    ],
    ["windows-1252 £ and é", bytes([0xa3, 0x35, 0x2c, 0x63, 0x61, 0x66, 0xe9]), "£5,café", "windows-1252"],
    ["windows-1252 euro and quotes", bytes([0x80, 0x93, 0x94]), "€“”", "windows-1252"],
    ["empty", bytes(), "", "utf-8"],
  ])("%s", (_label, input, text, encoding) => {
    expect(decodeText(input)).toEqual({ text, encoding });
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (b) => {
        expect(typeof decodeText(b).text).toBe("string");
      }),
    );
  });
});
