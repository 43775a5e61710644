import { type Limits, limitMet } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { type HtmlBody, readHtml } from "../body/read-html.js";
import { TableBuilder } from "../table-builder.js";
import { ScanTimeout } from "../xml/xml-scanner.js";
import { decodeText } from "./decode-text.js";

/**
 * Reads the data tables of an HTML file (a saved page, a web CRM's "export to Excel" named .xls)
 * with the message-body reader, one table per `<table>`, named by position. Nesting past the
 * reader's depth is TOO_DEEP: what lies deeper was not read; time up (the draft's clock) is TIMEOUT.
 */
export async function readHtmlTables(
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string; late?: () => boolean },
): Promise<ReadResult> {
  let html: HtmlBody;
  try {
    html = await readHtml(decodeText(bytes).text, options.late);
  } catch (error) {
    if (!(error instanceof ScanTimeout)) throw error;
    const limit = limitMet(options.limits, "maxSecondsPerDraft");
    return { tables: [], issues: [{ code: "TIMEOUT", path: "", limit }] };
  }
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
