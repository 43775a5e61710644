import type { ClassifiedTable } from "../model/classified.js";
import type { RegisterField } from "../model/register.js";
import type { RawTable } from "../model/table.js";
import type { Tag } from "../model/tags.js";

/** Which classifier tag gives which register field. */
const FIELD_TAG: Record<RegisterField, Tag> = {
  name: "pii.name",
  postcode: "pii.postcode",
  email: "pii.email",
  phone: "pii.phone",
  elector: "pii.elector_number",
};

/** A postcode at the end of an address cell, for tables without a postcode column of their own. */
const POSTCODE_AT_END = /([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*$/i;

/**
 * The people of a table as register fields: each wanted field from the columns the classifier
 * tagged for it (name parts in several columns joined in column order), a postcode from the end of
 * an address column where there is no postcode column. Rows below the header only.
 */
export function* peopleOfTable(
  raw: RawTable,
  table: ClassifiedTable,
  fields: readonly RegisterField[],
): Generator<Partial<Record<RegisterField, string>>> {
  const columnsFor = (tag: Tag) => table.columns.filter((c) => c.tags.includes(tag)).map((c) => c.index);
  const wanted = fields.map((field) => ({ field, columns: columnsFor(FIELD_TAG[field]) }));
  const addresses = columnsFor("pii.address");
  const start = table.headerRow === null ? 0 : table.headerRow + 1;
  for (let r = start; r < raw.sample.length; r++) {
    const row = raw.sample[r];
    const person: Partial<Record<RegisterField, string>> = {};
    for (const { field, columns } of wanted) {
      const value = joinCells(row, columns);
      if (value !== "") person[field] = value;
    }
    if (fields.includes("postcode") && person.postcode === undefined) {
      const found = addresses
        .map((c) => POSTCODE_AT_END.exec(row[c] ?? "")?.[1])
        .find((p) => p !== undefined);
      if (found) person.postcode = found;
    }
    yield person;
  }
}

/** The non-empty cells of `columns` in order, joined by a space (a loop: it runs per row and field). */
function joinCells(row: readonly string[], columns: readonly number[]): string {
  let out = "";
  for (const c of columns) {
    const cell = (row[c] ?? "").trim();
    if (cell !== "") out = out === "" ? cell : `${out} ${cell}`;
  }
  return out;
}
