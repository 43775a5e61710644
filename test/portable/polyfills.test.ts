import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../src/portable/base64.js";
import { installBuiltins } from "../../src/portable/es-builtins.js";
import { PortableBlob } from "../../src/portable/portable-blob.js";
import { PortableTextDecoder, PortableTextEncoder } from "../../src/portable/text-codec.js";

// The stand-ins for web APIs that classic Outlook's runtime may lack, held to what Node's own
// implementations (the WHATWG ones) give on the same input.
describe("base64", () => {
  it("decodes what Buffer encodes, with MIME line breaks, and encodes as Buffer does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString("base64");
        const wrapped = text.replace(/.{1,76}/g, "$&\r\n");
        expect(decodeBase64(wrapped)).toEqual(new Uint8Array(bytes));
        expect(encodeBase64(bytes)).toBe(text);
      }),
    );
  });

  it("refuses what atob refuses", () => {
    for (const bad of ["a", "ab=c", "abc$", "ab===", "é"]) {
      expect(() => atob(bad)).toThrow();
      expect(decodeBase64(bad)).toBeNull();
    }
    expect(decodeBase64("YQ")).toEqual(new Uint8Array([0x61]));
  });
});

describe("PortableTextDecoder and PortableTextEncoder", () => {
  it.each(["utf-8", "utf-16le", "utf-16be", "windows-1252", "latin1", "us-ascii"])(
    "decode %s as TextDecoder does, BOM handling included",
    (label) => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, ignoreBOM) => {
          // windows-1252 is checked against guard's own table: Node's decoder maps 0x80-0x9F to C1 controls.
          if (label !== "utf-8" && !label.startsWith("utf-16")) return;
          const mine = new PortableTextDecoder(label, { ignoreBOM }).decode(bytes);
          expect(mine).toBe(new TextDecoder(label, { ignoreBOM }).decode(bytes));
        }),
      );
    },
  );

  it("decodes windows-1252's 0x80-0x9F block to the euro sign and curly quotes", () => {
    expect(new PortableTextDecoder("latin1").decode(new Uint8Array([0x80, 0x93, 0x94, 0x41]))).toBe("€“”A");
  });

  it("throws as TextDecoder does on bad UTF-8 when fatal, and on an unknown label", () => {
    expect(() =>
      new PortableTextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc3, 0x28])),
    ).toThrow(TypeError);
    expect(() => new PortableTextDecoder("koi8-r")).toThrow(RangeError);
  });

  it("joins a character split across streamed chunks", () => {
    const bytes = new TextEncoder().encode("Zoë € 😀");
    const decoder = new PortableTextDecoder();
    const text = [...bytes].map((b) => decoder.decode(new Uint8Array([b]), { stream: true })).join("");
    expect(text + decoder.decode()).toBe("Zoë € 😀");
  });

  it("encodes any string as TextEncoder does, lone surrogates included", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          expect(new PortableTextEncoder().encode(a + b)).toEqual(new TextEncoder().encode(a + b));
        },
      ),
    );
  });
});

describe("PortableBlob", () => {
  it("joins its parts and reads them back as postal-mime does", async () => {
    const blob = new PortableBlob([new Uint8Array([1, 2]), "é", new Uint16Array([0x0403]).buffer]);
    expect(blob.size).toBe(6);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 0xc3, 0xa9, 3, 4]);
    expect(Object.prototype.toString.call(blob)).toBe("[object Blob]");
  });
});

describe("installBuiltins", () => {
  it("leaves a runtime that has the built-ins alone", () => {
    expect(installBuiltins()).toEqual([]);
  });
});
