import type { InflateBudget, Limits } from "../../model/limits.js";
import { limitMet } from "../../model/limits.js";
import type { Platform } from "../../model/platform.js";
import type { RawTable, ReadIssue, ReadResult } from "../../model/table.js";
import { TableBuilder } from "../table-builder.js";
import { ScanTimeout } from "../xml/xml-scanner.js";
import {
  baseOf,
  DtdRefused,
  type OoxmlPackage,
  openPackage,
  type Relationship,
  relOfType,
} from "./open-package.js";
import {
  type CellFormats,
  parseDateStyles,
  parseWorkbook,
  SharedStrings,
  type SheetRef,
} from "./parse-workbook-parts.js";
import { readComments } from "./read-comments.js";
import { readPivotCaches } from "./read-pivot-caches.js";
import { readChartCache, readDefinedNameConstants, readExternalLinkCache } from "./read-xlsx-caches.js";
import { streamSheet } from "./stream-sheet.js";

/** What reading a workbook needs: the host, the limits, the draft's budget and where it sits. */
export interface XlsxContext {
  platform: Platform;
  limits: Limits;
  budget: InflateBudget;
  /** Put before every table name, e.g. `inner.zip/book.xlsx#`; none for a top-level attachment. */
  prefix?: string;
  /** How many containers this workbook is inside (0 for an attachment); bounds embedded workbooks. */
  depth?: number;
  /** When reading must stop, on platform.now()'s clock; checked inside the sheet scan. */
  deadline?: number;
}

/**
 * Reads an xlsx/xlsm workbook's sheets, and what it keeps out of sight: comments, pivot, chart and
 * external-link caches, constants under defined names, and embedded workbooks.
 */
export function readXlsx(bytes: Uint8Array, ctx: XlsxContext): ReadResult {
  const prefix = ctx.prefix ?? "";
  const filePath = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  try {
    const pkg = openPackage(bytes, ctx, prefix, filePath);
    if (!("readPart" in pkg)) return { tables: [], issues: [pkg] };
    const tables = readWorkbook(pkg, ctx, filePath);
    return { tables, issues: pkg.issues };
  } catch (error) {
    if (error instanceof DtdRefused) {
      return { tables: [], issues: [{ code: "DTD_REFUSED", path: filePath }] };
    }
    if (error instanceof ScanTimeout) {
      // A half-read workbook is not reported as read: the whole file is TIMEOUT.
      return {
        tables: [],
        issues: [{ code: "TIMEOUT", path: filePath, limit: limitMet(ctx.limits, "maxSecondsPerDraft") }],
      };
    }
    // Hostile input can still reach engine limits (a string longer than V8 allows); the file is
    // then reported, not the process brought down.
    return {
      tables: [],
      issues: [
        { code: "CORRUPT", path: filePath, detail: error instanceof Error ? error.message : "unreadable" },
      ],
    };
  }
}

/** readXlsx without its safety net: every table of the package; problems go to `pkg.issues`. */
function readWorkbook(pkg: OoxmlPackage, ctx: XlsxContext, filePath: string): RawTable[] {
  const mainPath = relOfType(pkg.readRels(""), "/officeDocument") ?? "xl/workbook.xml";
  if (/\.bin$/i.test(mainPath)) {
    pkg.issues.push({ code: "UNSUPPORTED", path: filePath, detail: "binary workbook (xlsb)" });
    return [];
  }
  const workbookXml = pkg.readPart(mainPath);
  if (workbookXml === undefined) {
    if (pkg.issues.length === 0)
      pkg.issues.push({ code: "CORRUPT", path: filePath, detail: "no workbook part" });
    return [];
  }
  const { sampleRows } = ctx.limits;
  const { deadline, platform } = ctx;
  // The draft's clock, asked inside every part's scan: sheets, strings, comments and caches.
  const late = deadline === undefined ? undefined : () => platform.now() > deadline;
  const workbook = parseWorkbook(workbookXml);
  const workbookRels = pkg.readRels(mainPath);
  const stringsXml = pkg.readPart(relOfType(workbookRels, "/sharedStrings") ?? "xl/sharedStrings.xml");
  const stylesXml = pkg.readPart(relOfType(workbookRels, "/styles") ?? "xl/styles.xml");
  const formats: CellFormats = {
    strings: new SharedStrings(stringsXml ?? "", late),
    dateStyles: stylesXml === undefined ? [] : parseDateStyles(stylesXml),
    date1904: workbook.date1904,
  };
  const { sheets, comments } = readSheets(pkg, workbook.sheets, workbookRels, formats, sampleRows, late);
  return [
    ...sheets,
    ...comments,
    ...readPivotCaches(pkg, sampleRows, late),
    ...readCaches(pkg, workbookXml, sampleRows, late),
    ...readEmbedded(pkg, ctx),
  ];
}

/** The sheets in workbook order, and the comments on them. */
function readSheets(
  pkg: OoxmlPackage,
  refs: SheetRef[],
  workbookRels: Map<string, Relationship>,
  formats: CellFormats,
  sampleRows: number,
  late: (() => boolean) | undefined,
): { sheets: RawTable[]; comments: RawTable[] } {
  const sheets: RawTable[] = [];
  const comments: RawTable[] = [];
  for (const sheet of refs) {
    const rel = workbookRels.get(sheet.rid);
    const tableName = pkg.prefix + sheet.name;
    if (rel?.type.endsWith("/chartsheet")) continue; // a chart, no cells
    const sheetXml = rel ? pkg.readPart(rel.target, tableName) : undefined;
    if (rel === undefined || sheetXml === undefined) {
      if (!pkg.issues.some((issue) => issue.path === tableName)) {
        pkg.issues.push({ code: "CORRUPT", path: tableName, detail: "sheet part missing" });
      }
      continue;
    }
    const builder = new TableBuilder(tableName, "sheet", sheet.state, sampleRows);
    streamSheet(sheetXml, builder, formats, sampleRows, late);
    sheets.push(builder.build());
    const onSheet = readComments(pkg, rel.target, sheet.name, sampleRows, late);
    if (onSheet) comments.push(onSheet);
  }
  return { sheets, comments };
}

/** Chart caches, external-link caches and constants under defined names, on the draft's clock. */
function readCaches(
  pkg: OoxmlPackage,
  workbookXml: string,
  sampleRows: number,
  late: (() => boolean) | undefined,
): RawTable[] {
  const { prefix } = pkg;
  const tables: RawTable[] = [];
  for (const { n, path } of pkg.numberedParts(/^xl\/charts\/chart(\d+)\.xml$/)) {
    const xml = pkg.readPart(path);
    const chart =
      xml === undefined ? undefined : readChartCache(xml, `${prefix}chart ${n}`, sampleRows, late);
    if (chart) tables.push(chart);
  }
  for (const { n, path } of pkg.numberedParts(/^xl\/externallinks\/externallink(\d+)\.xml$/)) {
    const xml = pkg.readPart(path);
    if (xml !== undefined)
      tables.push(...readExternalLinkCache(xml, `${prefix}external link ${n}`, sampleRows, late));
  }
  const constants = readDefinedNameConstants(workbookXml, `${prefix}defined names`, sampleRows, late);
  if (constants) tables.push(constants);
  return tables;
}

/** Workbooks embedded in this one, read in turn; other embedded objects are UNSUPPORTED issues. */
function readEmbedded(pkg: OoxmlPackage, ctx: XlsxContext): RawTable[] {
  const { prefix, issues } = pkg;
  const depth = ctx.depth ?? 0;
  const tables: RawTable[] = [];
  for (const entry of pkg.entries) {
    const name = entry.name.replace(/^\/+/, "");
    if (!/^xl\/embeddings\//i.test(name) || name.endsWith("/")) continue;
    const file = baseOf(name);
    const path = `${prefix}embedded/${file}`;
    const issue = embeddedIssue(file, path, depth, ctx.limits.maxDepth);
    if (issue) {
      issues.push(issue);
      continue;
    }
    const out = pkg.extract(entry);
    if (!out.ok) {
      issues.push({ ...out.issue, path });
      continue;
    }
    const inner = readXlsx(out.bytes, { ...ctx, prefix: `${path}#`, depth: depth + 1 });
    // An embedded workbook's sheets are out of sight; its caches and comments keep their origin.
    for (const table of inner.tables)
      tables.push(table.origin === "sheet" ? { ...table, origin: "embedded" } : table);
    issues.push(...inner.issues);
  }
  return tables;
}

/** Why an embedded file is not read: not a workbook, or nested too deep. */
function embeddedIssue(file: string, path: string, depth: number, maxDepth: number): ReadIssue | undefined {
  if (!/\.xls[xm]$/i.test(file)) return { code: "UNSUPPORTED", path, detail: "embedded object" };
  if (depth + 1 > maxDepth) return { code: "TOO_DEEP", path };
  return undefined;
}
