import type { SheetState } from "../../model/table.js";
import type { ZipContext } from "../container/zip.js";
import { relOfType } from "../ooxml/open-package.js";
import { XmlScanner } from "../xml/xml-scanner.js";
import type { DocumentTables } from "./document-tables.js";
import { readPackageTables } from "./read-package-tables.js";

/** What reading a document needs: the host, the limits, the draft's budget and where it sits. */
export interface DocumentContext extends ZipContext {
  /** Put before every table name, e.g. `inner.zip/report.docx#`. */
  prefix?: string;
  /** When reading must stop, on platform.now()'s clock. */
  deadline?: number;
}

/**
 * Reads the tables of a Word document (WordprocessingML, ECMA-376 part 1 §17.4): the body's, then
 * those in headers, footers, footnotes, endnotes and comments, which leave with the file too. Text
 * deleted under tracked changes (`w:delText`) is still in the file, so it is read as well.
 */
export function readDocx(bytes: Uint8Array, ctx: DocumentContext) {
  return readPackageTables(bytes, ctx, (pkg, tables, late) => {
    const main = relOfType(pkg.readRels(""), "/officeDocument") ?? "word/document.xml";
    const body = pkg.readPart(main);
    if (body === undefined && pkg.issues.length === 0) {
      pkg.issues.push({ code: "CORRUPT", path: "", detail: "no document part" });
    }
    walkPart(body, tables, "visible", "", late);
    const extras: [RegExp, string][] = [
      [/^word\/header(\d*)\.xml$/, "Header"],
      [/^word\/footer(\d*)\.xml$/, "Footer"],
      [/^word\/(?:foot|end)notes()\.xml$/, "Notes"],
    ];
    for (const [pattern, label] of extras) {
      for (const part of pkg.numberedParts(pattern))
        walkPart(pkg.readPart(part.path), tables, "visible", `${label} `, late);
    }
    // A comment is out of sight in the printed document: what it holds is hidden data.
    walkPart(pkg.readPart("word/comments.xml"), tables, "hidden", "Comments ", late);
  });
}

/** Walks one WordprocessingML part, giving its tables to `tables`. */
function walkPart(
  xml: string | undefined,
  tables: DocumentTables,
  state: SheetState,
  label: string,
  late?: () => boolean,
): void {
  if (xml === undefined) return;
  const s = new XmlScanner(xml, late);
  let span = 1;
  let merged = false;
  let inRowProperties = false;
  while (s.next()) {
    const name = s.name;
    if (s.close) {
      if (name === "tbl") tables.closeTable();
      else if (name === "tr") tables.closeRow();
      else if (name === "tc") tables.closeCell({ span, mergedAbove: merged });
      else if (name === "p" && tables.inCell) tables.breakLine();
      else if (name === "trPr") inRowProperties = false;
      continue;
    }
    if (name === "tbl") tables.openTable(state, label);
    else if (name === "tr") tables.openRow();
    else if (name === "trPr" && !s.selfClose) inRowProperties = true;
    // A row whose insertion or deletion is tracked: deleted rows stay in the file, out of sight.
    else if (name === "del" && inRowProperties) tables.hideRow();
    else if (name === "tc") {
      span = 1;
      merged = false;
      tables.openCell();
    } else if (name === "gridSpan") span = Number(s.attr("val")) || 1;
    // vMerge without val (or val="continue") continues the cell above; "restart" begins a merge.
    else if (name === "vMerge") merged = (s.attr("val") ?? "continue") === "continue";
    else if ((name === "t" || name === "delText") && tables.inCell) tables.addText(s.text());
    else if ((name === "tab" || name === "br" || name === "cr") && tables.inCell) tables.addText(" ");
  }
}
