import { limitMet } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { DtdRefused, type OoxmlPackage, openPackage } from "../ooxml/open-package.js";
import { ScanTimeout } from "../xml/xml-scanner.js";
import { DocumentTables } from "./document-tables.js";
import type { DocumentContext } from "./read-docx.js";

/**
 * Opens a ZIP-packaged document and lets `walk` find its tables, with the safety net every package
 * reader has: a DTD refuses the file, an engine limit reached on hostile input is CORRUPT, the
 * draft's time running out while `walk` scans (it hands `late` to its scanners) is TIMEOUT, and a
 * part that could not be inflated is an issue beside the tables that could.
 */
export function readPackageTables(
  bytes: Uint8Array,
  ctx: DocumentContext,
  walk: (pkg: OoxmlPackage, tables: DocumentTables, late?: () => boolean) => void,
): ReadResult {
  const prefix = ctx.prefix ?? "";
  const filePath = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  try {
    const pkg = openPackage(bytes, ctx, prefix, filePath);
    if (!("readPart" in pkg)) return { tables: [], issues: [pkg] };
    const tables = new DocumentTables(prefix, ctx.limits.sampleRows);
    const { deadline, platform } = ctx;
    walk(pkg, tables, deadline === undefined ? undefined : () => platform.now() > deadline);
    return { tables: tables.tables(), issues: pkg.issues };
  } catch (error) {
    if (error instanceof DtdRefused) return { tables: [], issues: [{ code: "DTD_REFUSED", path: filePath }] };
    if (error instanceof ScanTimeout) {
      // A half-read document is not reported as read: the whole file is TIMEOUT.
      const limit = limitMet(ctx.limits, "maxSecondsPerDraft");
      return { tables: [], issues: [{ code: "TIMEOUT", path: filePath, limit }] };
    }
    const detail = error instanceof Error ? error.message.slice(0, 120) : "unreadable";
    return { tables: [], issues: [{ code: "CORRUPT", path: filePath, detail }] };
  }
}
