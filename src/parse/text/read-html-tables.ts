import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { readHtml } from "../body/read-html.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/**
 * Reads the data tables of an HTML file (a saved page, a web CRM's "export to Excel" named .xls)
 * with the message-body reader, one table per `<table>`, named by position. Nesting past the
 * reader's depth is TOO_DEEP: what lies deeper was not read.
 */
export async function readHtmlTables(
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string },
): Promise<ReadResult> {
  const html = await readHtml(decodeText(bytes).text);
  const tables = html.tables.map((rows, i) => {
    const builder = new TableBuilder(
      `${options.prefix}Table ${i + 1}`,
      "sheet",
      "visible",
      options.limits.sampleRows,
    );
    for (const row of rows) builder.addRow(row);
    return builder.build();
  });
  return { tables, issues: html.tooDeep ? [{ code: "TOO_DEEP", path: "", detail: "html nesting" }] : [] };
}
