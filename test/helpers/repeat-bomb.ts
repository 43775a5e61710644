// OpenDocument files of a few hundred bytes that stand for 10^9 x 10^9 cells (calamine issue 594's
// shape): one cell repeated across the row, the row repeated down the sheet or table.
import { makeZip } from "../parse/container/make-zip.js";

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

const TABLE =
  '<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="999999999">' +
  '<table:table-cell table:number-columns-repeated="999999999" office:value-type="string">' +
  "<text:p>X</text:p></table:table-cell></table:table-row></table:table>";

const MANIFEST = (mime: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ' +
  'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
  `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  "</manifest:manifest>";

/** A spreadsheet (.ods) or text document (.odt) whose one table repeats one cell 10^9 x 10^9 times. */
export function repeatBomb(kind: "ods" | "odt"): Uint8Array {
  const mime = `application/vnd.oasis.opendocument.${kind === "ods" ? "spreadsheet" : "text"}`;
  const body =
    kind === "ods"
      ? `<office:spreadsheet>${TABLE}</office:spreadsheet>`
      : `<office:text>${TABLE}</office:text>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.2"><office:body>${body}</office:body></office:document-content>`;
  return makeZip([
    { name: "mimetype", data: mime, method: 0 },
    { name: "META-INF/manifest.xml", data: MANIFEST(mime) },
    { name: "content.xml", data: content },
  ]);
}
