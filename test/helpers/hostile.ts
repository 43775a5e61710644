// Hostile attachments, built in memory in milliseconds: what each is, and the reason guard must give.
import { deflateRawSync } from "node:zlib";
import { toCsv, writeWorkbook } from "../../fixtures/gen/index.js";
import type { IssueCode } from "../../src/model/table.js";
import { makeZip, partText, repack, unzipAll, zeroBomb } from "../parse/container/make-zip.js";
import { contactRows } from "./drafts.js";

/** One hostile attachment and the uninspectable reason it must get. */
export interface Hostile {
  label: string;
  filename: string;
  bytes: Uint8Array;
  code: IssueCode;
}

const GIB = 1024 ** 3;

/** The classic billion laughs: ten entities each ten times the one before, 10^9 "lol"s. */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("\n ")}
]>`;

/**
 * A ZIP (~10 KB) holding a ZIP whose one member truthfully declares and inflates to 1 GiB of
 * zeros: the 1 MiB inner archive is itself repetitive, so deflating it again shrinks it ~100x.
 */
function nestedBomb(): Uint8Array {
  const inner = makeZip([{ name: "voters.csv", data: "", raw: zeroBomb(1024), declaredSize: GIB }], {
    zip64: true,
  });
  return makeZip([
    { name: "inner.zip", data: inner, raw: new Uint8Array(deflateRawSync(inner, { level: 9 })) },
  ]);
}

/** Every hostile case the tests and scripts/bench-hostile.ts run. */
export function hostileAttachments(): Hostile[] {
  const book = writeWorkbook([{ name: "Contacts", rows: contactRows(50) }]);
  const workbookXml = partText(book, "xl/workbook.xml");
  const sheetXml = partText(book, "xl/worksheets/sheet1.xml");
  const laughs = (xml: string) =>
    xml.replace(/^<\?xml[^>]*\?>/, BILLION_LAUGHS).replace("<sheets>", "<sheets>&lol9;");
  return [
    {
      label: "ZIP with an encrypted member",
      filename: "voters.zip",
      bytes: makeZip([{ name: "voters.csv", data: toCsv(contactRows(50)), flags: 1 }]),
      code: "ENCRYPTED",
    },
    {
      label: "ZIP bomb: a member declaring 4 GiB from 10 KiB",
      filename: "voters.zip",
      bytes: makeZip([{ name: "voters.csv", data: "", raw: zeroBomb(10), declaredSize: 4 * GIB }], {
        zip64: true,
      }),
      code: "ZIP_BOMB",
    },
    {
      label: "ZIP bomb: a member declaring 1 KiB that inflates past 10 MiB",
      filename: "voters.zip",
      bytes: makeZip([{ name: "voters.csv", data: "", raw: zeroBomb(10), declaredSize: 1024 }]),
      code: "ZIP_BOMB",
    },
    {
      // SheetJS reads ODS and xlsb packages with no cap of its own: ours must come first.
      label: "ODS whose content.xml inflates to 300 MiB",
      filename: "voters.ods",
      bytes: makeZip([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", method: 0 },
        { name: "content.xml", data: "", raw: zeroBomb(300), declaredSize: 1024 },
        { name: "META-INF/manifest.xml", data: "<manifest:manifest/>" },
      ]),
      code: "ZIP_BOMB",
    },
    {
      label: "ZIP bomb: a ZIP in a ZIP inflating to 1 GiB",
      filename: "voters.zip",
      bytes: nestedBomb(),
      code: "ZIP_BOMB",
    },
    {
      label: "xlsx whose sheet is a bomb",
      filename: "canvass.xlsx",
      bytes: makeZip([
        ...[...unzipAll(book)]
          .filter(([name]) => name !== "xl/worksheets/sheet1.xml")
          .map(([name, data]) => ({ name, data })),
        { name: "xl/worksheets/sheet1.xml", data: "", raw: zeroBomb(10), declaredSize: 2048 },
      ]),
      code: "ZIP_BOMB",
    },
    {
      label: "billion laughs in xl/workbook.xml",
      filename: "canvass.xlsx",
      bytes: repack(book, { "xl/workbook.xml": laughs(workbookXml) }),
      code: "DTD_REFUSED",
    },
    {
      label: "billion laughs in a sheet",
      filename: "canvass.xlsx",
      bytes: repack(book, {
        "xl/worksheets/sheet1.xml": sheetXml
          .replace(/^<\?xml[^>]*\?>/, BILLION_LAUGHS)
          .replace("<sheetData>", "<sheetData>&lol9;"),
      }),
      code: "DTD_REFUSED",
    },
  ];
}
