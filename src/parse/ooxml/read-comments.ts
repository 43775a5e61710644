import type { RawTable } from "../../model/table.js";
import { TableBuilder } from "../table-builder.js";
import { decodeXString, XmlScanner } from "../xml/xml-scanner.js";
import type { OoxmlPackage } from "./open-package.js";

/**
 * A comment's text cut into fields, so the classifier tests each detail on its own: people put one
 * per line or between commas ("Jane Smith, 07700 900123"). Excel begins a legacy comment with its
 * author and a colon on a line of their own: a colleague, not the data, so that line is dropped.
 */
export function commentFields(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && /^[^:\n]{1,80}:\s*$/.test(lines[0])) lines.shift();
  const fields = lines
    .join("\n")
    .split(/[\n,;|\t]/)
    .map((field) => field.trim())
    .filter((field) => field !== "");
  return fields.length > 0 ? fields : [""];
}

/** Comments on one sheet as `[cell, field...]` rows, from legacy and threaded comment parts. */
function parseComments(xml: string, threaded: boolean, rows: string[][], late?: () => boolean): void {
  const s = new XmlScanner(xml, late);
  const element = threaded ? "threadedComment" : "comment";
  let ref: string | undefined;
  let text = "";
  let inPhonetic = false;
  while (s.next()) {
    const name = s.name;
    if (name === "rPh") {
      inPhonetic = !s.close && !s.selfClose;
      continue;
    }
    if (name === element) {
      if (!s.close) {
        ref = s.attr("ref") ?? "";
        text = "";
      }
      if (s.close || s.selfClose) {
        if (ref !== undefined) rows.push([ref, ...commentFields(decodeXString(text))]);
        ref = undefined;
      }
    } else if (ref !== undefined && !s.close) {
      // Threaded comments keep plain text in <text>; legacy ones keep rich runs of <t>.
      if (threaded ? name === "text" : name === "t" && !inPhonetic) text += s.text();
    }
  }
}

/**
 * The comments on the sheet at `sheetPath` as one table, or undefined when it has none. `late` is
 * the draft's clock: the scan throws ScanTimeout when it says time is up.
 */
export function readComments(
  pkg: OoxmlPackage,
  sheetPath: string,
  sheetName: string,
  sampleRows: number,
  late?: () => boolean,
): RawTable | undefined {
  const comments: string[][] = [];
  for (const rel of pkg.readRels(sheetPath).values()) {
    const threaded = rel.type.endsWith("/threadedComment");
    if (!threaded && !rel.type.endsWith("/comments")) continue;
    const xml = pkg.readPart(rel.target);
    if (xml !== undefined) parseComments(xml, threaded, comments, late);
  }
  if (comments.length === 0) return undefined;
  const builder = new TableBuilder(
    `${pkg.prefix}comments on ${sheetName}`,
    "comments",
    "visible",
    sampleRows,
  );
  for (const row of comments) builder.addRow(row);
  return builder.build();
}
