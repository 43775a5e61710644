import type { Limits } from "../../model/limits.js";
import type { RawTable, ReadResult } from "../../model/table.js";
import { readTicking } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/** Excel's widest sheet: keys past it are not columns anyone would see. */
const MAX_COLUMNS = 16_384;
/** A cell holding a nested value is cut here: enough for the classifier, never a whole document. */
const MAX_CELL = 200;

/** What readJsonRecords needs besides the bytes. */
export interface JsonContext {
  limits: Limits;
  /** Table name (the file's path), or the prefix of one per array found under a key. */
  name: string;
  /** The draft's clock: reading stops as TIMEOUT when it says time is up. */
  late?: () => boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a JSON export as tables: an array of records (objects) is a table whose columns are their
 * keys; a record's object values are flattened one level (`address.town`); a top-level object
 * holding such arrays gives a table per array, named by its key (`voters.json#voters`). JSON
 * Lines (one record per line) is read the same. Invalid JSON is CORRUPT; time up is TIMEOUT.
 */
export function readJsonRecords(bytes: Uint8Array, ctx: JsonContext): ReadResult {
  return readTicking(ctx, (tick) => readRecords(bytes, ctx, tick));
}

function readRecords(bytes: Uint8Array, ctx: JsonContext, tick: () => void): ReadResult {
  const text = decodeText(bytes).text.replace(/^\uFEFF/, "");
  const parsed = parseJson(text, tick);
  if (parsed === undefined)
    return { tables: [], issues: [{ code: "CORRUPT", path: "", detail: "not JSON" }] };
  const arrays: [string, Json[]][] = Array.isArray(parsed)
    ? [[ctx.name, parsed]]
    : isObject(parsed)
      ? Object.entries(parsed).flatMap(([key, v]) =>
          Array.isArray(v) ? [[`${ctx.name}#${key}`, v] as [string, Json[]]] : [],
        )
      : [];
  const tables = arrays
    .filter(([, items]) => items.some(isObject))
    .map(([name, items]) => toTable(name, items, ctx.limits.sampleRows, tick));
  return { tables, issues: [] };
}

/** The document, or each line's record for JSON Lines; undefined when it is neither. */
function parseJson(text: string, tick: () => void): Json | undefined {
  const whole = parseOne(text);
  if (whole !== undefined) return whole;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) return undefined;
  const records: Json[] = [];
  for (const line of lines) {
    tick();
    const record = parseOne(line);
    if (record === undefined) return undefined;
    records.push(record);
  }
  return records;
}

/** One JSON text, or undefined when it is not one. */
function parseOne(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Records as rows under a header of every key seen, in the order first seen. */
function toTable(name: string, items: Json[], sampleRows: number, tick: () => void): RawTable {
  const records = items.filter(isObject).map((item) => {
    tick();
    return flatten(item);
  });
  const keys = new Map<string, number>();
  for (const record of records.slice(0, sampleRows))
    for (const key of Object.keys(record))
      if (!keys.has(key) && keys.size < MAX_COLUMNS) keys.set(key, keys.size);
  const builder = new TableBuilder(name, "csv", "visible", sampleRows);
  builder.addRow([...keys.keys()]);
  for (const [i, record] of records.entries()) {
    tick();
    if (i >= sampleRows) {
      builder.countRow(false);
      continue;
    }
    builder.addRow([...keys.keys()].map((k) => record[k] ?? ""));
  }
  return builder.build();
}

/** A record's values as cells; an object value's own keys become `key.inner` columns. */
function flatten(record: JsonObject): Record<string, string> {
  // Without a prototype: a key named `__proto__` is a column like any other.
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(record)) {
    if (isObject(value)) for (const [inner, v] of Object.entries(value)) out[`${key}.${inner}`] = cell(v);
    else out[key] = cell(value);
  }
  return out;
}

function cell(value: Json): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value
      .map((v) => String(v ?? ""))
      .join(", ")
      .slice(0, MAX_CELL);
  return JSON.stringify(value).slice(0, MAX_CELL);
}
