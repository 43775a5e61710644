import type { InflateBudget, Limits } from "../../model/limits.js";
import { limitMet } from "../../model/limits.js";
import type { Platform } from "../../model/platform.js";
import type { ReadResult } from "../../model/table.js";
import { DtdRefused, type OoxmlPackage, openPackage } from "../ooxml/open-package.js";
import { ScanTimeout, XmlScanner } from "../xml/xml-scanner.js";
import { OdsStyles } from "./ods-styles.js";
import { streamOdsContent } from "./stream-ods-content.js";

/** What reading an ODS needs: the host, the limits, the draft's budget and deadline, and its place. */
export interface OdsContext {
  platform: Platform;
  limits: Limits;
  budget: InflateBudget;
  /** When reading must stop, on platform.now()'s clock. */
  deadline?: number;
  /** Put before every table name, e.g. `inner.zip/book.ods#`; none for a top-level attachment. */
  prefix?: string;
}

/**
 * Reads an OpenDocument spreadsheet (a ZIP package) into one table per sheet, plus one per sheet's
 * comments. Parts are inflated under the ZIP caps; content.xml is streamed once, so a sheet of any
 * length costs the sample, and a repeated row or cell is counted, never expanded past the sample.
 * Never throws: an encrypted package is ENCRYPTED, a DTD is DTD_REFUSED, time up is TIMEOUT.
 */
export function readOds(bytes: Uint8Array, ctx: OdsContext): ReadResult {
  const prefix = ctx.prefix ?? "";
  const filePath = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  try {
    const pkg = openPackage(bytes, ctx, prefix, filePath);
    if (!("readPart" in pkg)) return { tables: [], issues: [pkg] };
    // Encrypted parts inflate to noise; the manifest, never encrypted, says so (ODF 1.2 part 3, 4.8).
    if (pkg.readPart("META-INF/manifest.xml")?.includes("encryption-data"))
      return { tables: [], issues: [{ code: "ENCRYPTED", path: filePath }] };
    return readContent(pkg, ctx, filePath);
  } catch (error) {
    if (error instanceof DtdRefused) return { tables: [], issues: [{ code: "DTD_REFUSED", path: filePath }] };
    if (error instanceof ScanTimeout) {
      // A half-read workbook is not reported as read: the whole file is TIMEOUT.
      return {
        tables: [],
        issues: [{ code: "TIMEOUT", path: filePath, limit: limitMet(ctx.limits, "maxSecondsPerDraft") }],
      };
    }
    const detail = error instanceof Error ? error.message.slice(0, 120) : "unreadable";
    return { tables: [], issues: [{ code: "CORRUPT", path: filePath, detail }] };
  }
}

function readContent(pkg: OoxmlPackage, ctx: OdsContext, filePath: string): ReadResult {
  const { deadline, platform } = ctx;
  const late = deadline === undefined ? undefined : () => platform.now() > deadline;
  const styles = new OdsStyles();
  const stylesXml = pkg.readPart("styles.xml");
  if (stylesXml !== undefined) {
    const s = new XmlScanner(stylesXml, late);
    while (s.next()) styles.take(s);
  }
  const content = pkg.readPart("content.xml");
  if (content === undefined) {
    if (pkg.issues.length === 0)
      pkg.issues.push({ code: "CORRUPT", path: filePath, detail: "no content.xml" });
    return { tables: [], issues: pkg.issues };
  }
  const tables = streamOdsContent(content, {
    styles,
    sampleRows: ctx.limits.sampleRows,
    prefix: pkg.prefix,
    ...(late ? { late } : {}),
  });
  return { tables, issues: pkg.issues };
}
