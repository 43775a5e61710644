import type { RawTable } from "../../model/table.js";
import { formatIsoDateTime } from "../excel-date.js";
import { clockTick } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { decodeXString, XmlScanner } from "../xml/xml-scanner.js";
import type { OoxmlPackage } from "./open-package.js";
import { RowSink } from "./row-sink.js";

/** A pivot cache item as text: `<s v>`, `<n v>`, `<d v>` (ISO date, by the one date rule), `<b v>`, `<m/>`. */
function pivotItem(s: XmlScanner): string | undefined {
  switch (s.name) {
    case "s":
    case "n":
    case "e":
      return decodeXString(s.attr("v") ?? "");
    case "d":
      return formatIsoDateTime(s.attr("v") ?? "");
    case "b": {
      const v = s.attr("v");
      return v === "1" || v === "true" ? "TRUE" : v === "0" || v === "false" ? "FALSE" : (v ?? "");
    }
    case "m":
      return "";
    default:
      return undefined;
  }
}

interface CacheField {
  name: string;
  items: string[];
}

/** The fields of a pivot cache definition, each with its shared items (not its group items). */
function parsePivotDefinition(xml: string, late?: () => boolean): CacheField[] {
  const fields: CacheField[] = [];
  const s = new XmlScanner(xml, late);
  let inShared = false;
  while (s.next()) {
    if (s.name === "cacheField" && !s.close) fields.push({ name: s.attr("name") ?? "", items: [] });
    else if (s.name === "sharedItems") inShared = !s.close && !s.selfClose;
    else if (inShared && !s.close && fields.length > 0) {
      const item = pivotItem(s);
      if (item !== undefined) fields[fields.length - 1].items.push(item);
    }
  }
  return fields;
}

/** Streams pivot cache records (`<r>` of items or `<x v>` indexes into shared items) as rows. */
function readPivotRecords(
  xml: string,
  fields: CacheField[],
  builder: TableBuilder,
  sampleRows: number,
  late?: () => boolean,
): void {
  const s = new XmlScanner(xml, late);
  const sink = new RowSink(builder, sampleRows, 1); // the builder already holds the field names
  let field = -1;
  while (s.next()) {
    if (s.name === "r") {
      if (s.close || s.selfClose) sink.flush(false);
      if (!s.close) field = 0;
      continue;
    }
    if (s.close || field < 0) continue;
    if (s.name === "x") {
      sink.put(field, fields[field]?.items[Number(s.attr("v"))] ?? "");
      field++;
    } else {
      const item = pivotItem(s);
      if (item !== undefined) sink.put(field++, item);
    }
  }
  sink.flush(false);
}

/** One pivot cache as a table: field names, then one row per cached record. */
function readPivotCache(
  pkg: OoxmlPackage,
  n: number,
  path: string,
  sampleRows: number,
  late?: () => boolean,
): RawTable | undefined {
  const definition = pkg.readPart(path);
  if (definition === undefined) return undefined;
  const fields = parsePivotDefinition(definition, late);
  const builder = new TableBuilder(`${pkg.prefix}pivot cache ${n}`, "pivot-cache", "visible", sampleRows);
  builder.addRow(fields.map((field) => field.name));
  let recordsPath: string | undefined;
  for (const rel of pkg.readRels(path).values())
    if (rel.type.endsWith("/pivotCacheRecords")) recordsPath = rel.target;
  recordsPath ??= `xl/pivotCache/pivotCacheRecords${n}.xml`;
  const records = pkg.readPart(recordsPath);
  if (records !== undefined) readPivotRecords(records, fields, builder, sampleRows, late);
  else {
    // A cache saved without records still lists every distinct value of each field.
    const longest = fields.reduce((most, field) => Math.max(most, field.items.length), 0);
    const tick = clockTick(late, 4096);
    for (let i = 0; i < longest; i++) {
      tick();
      builder.addRow(fields.map((field) => field.items[i] ?? ""));
    }
  }
  return builder.build();
}

/** Pivot caches as tables, in the order of their part numbers; ScanTimeout when `late` says time is up. */
export function readPivotCaches(pkg: OoxmlPackage, sampleRows: number, late?: () => boolean): RawTable[] {
  const tables: RawTable[] = [];
  for (const { n, path } of pkg.numberedParts(/^xl\/pivotcache\/pivotcachedefinition(\d+)\.xml$/)) {
    const table = readPivotCache(pkg, n, path, sampleRows, late);
    if (table) tables.push(table);
  }
  return tables;
}
