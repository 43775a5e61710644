import { XmlScanner } from "../xml/xml-scanner.js";
import type { DocumentTables } from "./document-tables.js";
import type { DocumentContext } from "./read-docx.js";
import { readPackageTables } from "./read-package-tables.js";

/** Upper bound on one `table:number-*-repeated` count: Excel's sheet size. */
const MAX_REPEAT = 1_048_576;

/**
 * Reads the tables of an OpenDocument text (`table:table` in content.xml, OpenDocument 1.3 part 3
 * §9.1), headers and footers of styles.xml included. Cells spanned over (`covered-table-cell`)
 * stand empty; repeated rows and cells are repeated, up to Excel's sheet size.
 */
export function readOdt(bytes: Uint8Array, ctx: DocumentContext) {
  return readPackageTables(bytes, ctx, (pkg, tables, late) => {
    const content = pkg.readPart("content.xml");
    if (content === undefined && pkg.issues.length === 0) {
      pkg.issues.push({ code: "CORRUPT", path: "", detail: "no content.xml" });
    }
    walkContent(content, tables, "", late);
    walkContent(pkg.readPart("styles.xml"), tables, "Header or footer ", late);
  });
}

const repeatOf = (value: string | undefined): number => Math.min(MAX_REPEAT, Math.max(1, Number(value) || 1));

/** Walks content.xml (or styles.xml): text is mixed content, so it is read between every tag. */
function walkContent(
  xml: string | undefined,
  tables: DocumentTables,
  label = "",
  late?: () => boolean,
): void {
  if (xml === undefined) return;
  const s = new XmlScanner(xml, late);
  const rowRepeats: number[] = [];
  const cells: { span: number; repeat: number }[] = [];
  let depth = 0;
  while (s.next()) {
    const name = s.name;
    if (s.close) {
      if (name === "table" && depth > 0) {
        depth--;
        tables.closeTable();
      } else if (name === "table-row") tables.closeRow(rowRepeats.pop() ?? 1);
      else if (name === "table-cell" || name === "covered-table-cell") tables.closeCell(cells.pop());
      else if (name === "p" || name === "h") tables.breakLine();
    } else if (name === "table" && !s.selfClose) {
      depth++;
      tables.openTable("visible", label);
    } else if (name === "table-row") {
      tables.openRow();
      rowRepeats.push(repeatOf(s.attr("number-rows-repeated")));
      if (s.selfClose) tables.closeRow(rowRepeats.pop());
    } else if (name === "table-cell" || name === "covered-table-cell") {
      tables.openCell();
      const cell = { span: 1, repeat: repeatOf(s.attr("number-columns-repeated")) };
      if (s.selfClose) tables.closeCell(cell);
      else cells.push(cell);
    } else if (name === "s") tables.addText(" ".repeat(Math.min(100, Number(s.attr("c")) || 1)));
    else if (name === "tab" || name === "line-break") tables.addText(" ");
    if (tables.inCell) tables.addText(s.trailingText());
  }
}
