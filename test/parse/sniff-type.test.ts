import { readdirSync, readFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FileType } from "../../src/model/attachment.js";
import { isDataLike, sniffType } from "../../src/parse/sniff-type.js";

const SHEETS = "/work/shared/corpus/sheets";
const MAIL = "/work/shared/corpus/mail";
const corpus = (path: string) => new Uint8Array(readFileSync(path));
const text = (s: string) => new TextEncoder().encode(s);

/** Entry names of a ZIP, as the caller lists them (here through SheetJS's own ZIP reader). */
function zipNames(bytes: Uint8Array): string[] {
  const zip = XLSX.CFB.read(bytes, { type: "array" }) as { FullPaths: string[] };
  return zip.FullPaths.map((p) => p.replace(/^Root Entry\//, "")).filter((p) => p !== "" && !p.endsWith("/"));
}

function book(bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["name"], ["Ann"]]), "People");
  return new Uint8Array(XLSX.write(wb, { bookType, type: "array" }) as ArrayBuffer);
}

describe("sniffType: containers", () => {
  it.each([
    ["xlsx", "xlsx"],
    ["xlsb", "xlsb"],
    ["ods", "ods"],
  ] as const)("a %s written by SheetJS is %s", (bookType, expected) => {
    const bytes = book(bookType);
    expect(sniffType(bytes, "attachment.bin", zipNames(bytes))).toBe(expected);
  });

  it("an .xlsm name or a vbaProject.bin makes an OOXML workbook xlsm", () => {
    const bytes = book("xlsx");
    expect(sniffType(bytes, "macros.xlsm", zipNames(bytes))).toBe("xlsm");
    expect(sniffType(bytes, "macros.xlsx", [...zipNames(bytes), "xl/vbaProject.bin"])).toBe("xlsm");
  });

  it("tells ODS without entry names: the stored mimetype, or a first entry META-INF/manifest.xml", () => {
    expect(sniffType(corpus(`${SHEETS}/calamine/any_sheets.ods`), "no-extension")).toBe("ods");
    expect(sniffType(book("ods"), "no-extension")).toBe("ods");
  });

  it("falls back to the extension when the entries were not listed", () => {
    const bytes = book("xlsx");
    expect(sniffType(bytes, "book.xlsx")).toBe("xlsx");
    expect(sniffType(bytes, "archive.zip")).toBe("zip");
  });

  it.each([
    [["word/document.xml", "[Content_Types].xml"], "letter.docx", "docx"],
    [["ppt/presentation.xml"], "deck.pptx", "document"],
    [["Index/Document.iwa", "Metadata/Properties.plist"], "budget.numbers", "archive"],
    [["content.xml", "META-INF/manifest.xml"], "x.ods", "ods"],
    [["content.xml", "META-INF/manifest.xml"], "x.odt", "odt"],
    [["content.xml", "META-INF/manifest.xml"], "unnamed", "ods"],
    [["voters.csv", "readme.txt"], "data.zip", "zip"],
    [[], "empty.zip", "zip"],
  ] as [string[], string, FileType][])("entries %j named %s are %s", (names, filename, expected) => {
    expect(sniffType(text("PK\x03\x04rest-of-zip"), filename, names)).toBe(expected);
  });

  it("an empty ZIP (end of central directory only) is a zip", () => {
    expect(sniffType(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), "e.zip", [])).toBe(
      "zip",
    );
  });

  it.each([
    ["calamine/any_sheets.xls", "xls"],
    ["calamine/biff5_write.xls", "xls"],
    ["calamine/capitalized_wbook_stream.xls", "xls"],
    ["poi/password.xls", "xls"],
    ["poi/xor-encryption-abc.xls", "xls"],
    ["calamine/pass_protected.xlsx", "encrypted-ooxml"],
    ["calamine/pass_protected.xlsb", "encrypted-ooxml"],
    ["poi/protected_passtika.xlsx", "encrypted-ooxml"],
    ["calamine/pass_protected.ods", "ods"],
    ["calamine/any_sheets.ods", "ods"],
    ["poi/SampleSS.ods", "ods"],
    ["calamine/vba.xlsm", "xlsm"],
    ["calamine/too_small.xls", "text"],
  ] as [string, FileType][])("corpus %s is %s", (path, expected) => {
    const bytes = corpus(`${SHEETS}/${path}`);
    const names = bytes[0] === 0x50 ? safeZipNames(bytes) : undefined;
    expect(sniffType(bytes, path, names)).toBe(expected);
  });

  it("a biff8 xls written by SheetJS is xls; a bare BIFF2 worksheet too", () => {
    expect(sniffType(book("biff8"), "x")).toBe("xls");
    expect(sniffType(book("biff2"), "x")).toBe("xls");
  });

  it("an OLE2 file without a workbook stream is cfb, with WordDocument legacy Word (doc)", () => {
    expect(sniffType(cfbWith("Something"), "x")).toBe("cfb");
    expect(sniffType(cfbWith("WordDocument"), "x.doc")).toBe("doc");
    expect(sniffType(cfbWith("EncryptedPackage"), "x.xlsx")).toBe("encrypted-ooxml");
    expect(sniffType(cfbWith("PowerPoint Document"), "x.ppt")).toBe("document");
  });
});

/** A CFB container holding one stream, written by SheetJS's CFB module. */
function cfbWith(stream: string): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, `/${stream}`, new Uint8Array(4096));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as ArrayBuffer);
}

function safeZipNames(bytes: Uint8Array): string[] | undefined {
  try {
    return zipNames(bytes);
  } catch {
    return undefined; // the encrypted ODS trips SheetJS's ZIP reader; the mimetype decides
  }
}

describe("sniffType: other binaries", () => {
  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], "pdf"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "image"],
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "image"],
    [[...text("GIF89a"), 1, 0, 1, 0], "image"],
    [[...text("RIFF"), 0, 0, 0, 0, ...text("WEBPVP8 ")], "image"],
    [[0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0], "image"],
    [[0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0], "image"],
    [[0x1f, 0x8b, 0x08, 0x00], "gzip"],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4], "archive"],
    [[...text("Rar!"), 0x1a, 0x07, 0x01, 0x00], "archive"],
    [[...text("BZh9"), 0x31, 0x41, 0x59, 0x26], "archive"],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4], "archive"],
    [[0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10, 0x80, 0x00, 0x00], "other"],
  ] as [number[], FileType][])("%j is %s", (bytes, expected) => {
    expect(sniffType(new Uint8Array(bytes), "file")).toBe(expected);
  });

  it("a text line starting with BM is not a bitmap", () => {
    expect(sniffType(text("BMW,Audi\n1,2\n3,4\n"), "cars.txt")).toBe("csv");
  });
});

describe("sniffType: text", () => {
  it.each([
    ["name,email\nAnn,ann@example.org\nBob,bob@example.org\n", "x.txt", "csv"],
    ['name,notes\n"Ann","line one\nline two"\nBob,x\nCy,y\nDi,z\n', "x.txt", "csv"],
    ["name;iban\nAnn;GB33BUKB20201555555555\nBob;GB33BUKB20201555555556\n", "x.txt", "csv"],
    ["name|dob\nAnn|1980-01-02\nBob|1979-03-04\n", "x.txt", "csv"],
    ["name\tdob\nAnn\t1980-01-02\nBob\t1979-03-04\n", "x.txt", "tsv"],
    ["name\tdob\nAnn\t1980-01-02\nBob\t1979-03-04\n", "x.csv", "tsv"],
    ["a,b\tc\nd,e\tf\n", "x.csv", "csv"],
    ["one column\nAnn\nBob\n", "names.csv", "csv"],
    ["one column\nAnn\nBob\n", "names.tsv", "tsv"],
    ["one column\nAnn\nBob\n", "names.txt", "text"],
    ["Hello, world.\nThis is a note; nothing more.\n", "note.txt", "text"],
    ["From: a@example.org\nTo: b@example.org\nSubject: hi\n\nbody\n", "x", "eml"],
    ["Received: from mx\n  by host\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nFrom: a@x\n\nbody", "x", "eml"],
    ["From a@example.org Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nSubject: x\n\nbody\n", "mbox", "eml"],
    ["Name: Ann\nAge: 40\n", "card.txt", "text"],
    ["Subject: hello\n\nTEST\n", "x", "eml"],
    ["Subject: hello\nthe body without a blank line\n", "x", "text"],
    ["", "empty.csv", "csv"],
    ["", "empty.txt", "text"],
  ] as [string, string, FileType][])("%j named %s is %s", (content, filename, expected) => {
    expect(sniffType(text(content), filename)).toBe(expected);
  });

  it("UTF-16LE with BOM, tab-separated (Excel Unicode text), is tsv", () => {
    const body = Buffer.from("name\tpostcode\r\nJosé\tCW1 1AA\r\nZoë\tSW1A 1AA\r\n", "utf16le");
    expect(sniffType(new Uint8Array([0xff, 0xfe, ...body]), "export.txt")).toBe("tsv");
  });

  it("windows-1252 text is still text", () => {
    expect(
      sniffType(
        new Uint8Array([...text("name,amount\nCaf"), 0xe9, ...text(",\u00a3\n"), ...text("B,2\n")]),
        "x",
      ),
    ).toBe("csv");
  });

  it("every message in the mail corpus is eml, whatever its name", () => {
    const files = readdirSync(MAIL, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".eml"));
    expect(files.length).toBeGreaterThan(100);
    const misses = files.filter((f) => sniffType(corpus(`${MAIL}/${f}`), "attachment") !== "eml");
    expect(misses).toEqual([]);
  });
});

describe("isDataLike", () => {
  it.each([
    ["csv", "x.bin", true],
    ["xls", "x", true],
    ["encrypted-ooxml", "x", true],
    ["other", "budget.numbers", true],
    ["other", "voters.xlsx", true],
    ["text", "list.csv", true],
    ["image", "photo.png", false],
    // Contract v2: documents may hold tables, so an unread one is uninspectable, never skipped.
    ["pdf", "letter.pdf", true],
    ["doc", "letter.doc", true],
    ["document", "letter.docx", true],
    ["cfb", "thing.doc", true],
    ["document", "slides.pptx", false],
    ["text", "notes.txt", false],
  ] as [FileType, string, boolean][])("%s named %s: %s", (type, filename, expected) => {
    expect(isDataLike(type, filename)).toBe(expected);
  });
});

describe("sniffType never throws", () => {
  it("on arbitrary bytes, names and entry lists", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string(),
        fc.option(fc.array(fc.string()), { nil: undefined }),
        (bytes, name, names) => {
          expect(typeof sniffType(bytes, name, names)).toBe("string");
        },
      ),
    );
  });

  it("on arbitrary bytes behind every magic number", () => {
    const magics = [
      [0x50, 0x4b, 0x03, 0x04],
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      [0x09, 0x08],
      [0xff, 0xfe],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 4096 }), (magic, rest) => {
        expect(typeof sniffType(new Uint8Array([...magic, ...rest]), "x")).toBe("string");
      }),
    );
  });
});
