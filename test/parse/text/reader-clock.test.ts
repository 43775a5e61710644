import { describe, expect, it } from "vitest";
import {
  CANVASS_COLUMNS,
  createRng,
  project,
  toPrn,
  voterRows,
  votersJson,
  votersLdif,
  votersVcf,
} from "../../../fixtures/gen/index.js";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import type { LimitMet, ReadResult } from "../../../src/model/table.js";
import { readBody } from "../../../src/parse/body/read-body.js";
import { readFixedWidth } from "../../../src/parse/text/read-fixed-width.js";
import { readHtmlTables } from "../../../src/parse/text/read-html-tables.js";
import { readJsonRecords } from "../../../src/parse/text/read-json-records.js";
import { readLdif } from "../../../src/parse/text/read-ldif.js";
import { readVcards } from "../../../src/parse/text/read-vcards.js";
import { isUkPhone, isUkPostcode } from "../../../src/validators/index.js";

// Enough people that every reader loops past its first few thousand turns.
const voters = voterRows(createRng("reader-clock"), 3000);
const rows = project(voters, CANVASS_COLUMNS).map((r) => r.map(String));
const LIMIT: LimitMet = { name: "maxSecondsPerDraft", value: 20, unit: "seconds" };
const TIMEOUT: ReadResult = { tables: [], issues: [{ code: "TIMEOUT", path: "", limit: LIMIT }] };

/** The draft's clock: time is left at the first look, and up at every later one (it ran out mid-read). */
function runsOutAfterFirstLook(): () => boolean {
  let looks = 0;
  return () => looks++ > 0;
}

const html = (): string =>
  `<html><body><table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</table></body></html>`;

const files: [string, (late?: () => boolean) => ReadResult | Promise<ReadResult>][] = [
  [
    "JSON records",
    (late) => readJsonRecords(votersJson(voters), { limits: DEFAULT_LIMITS, name: "v.json", late }),
  ],
  [
    "JSON Lines",
    (late) => {
      const lines = voters.map((v) => JSON.stringify({ name: v.forename, postcode: v.postcode })).join("\n");
      return readJsonRecords(new TextEncoder().encode(lines), {
        limits: DEFAULT_LIMITS,
        name: "v.jsonl",
        late,
      });
    },
  ],
  ["vCards", (late) => readVcards(votersVcf(voters), { limits: DEFAULT_LIMITS, name: "v.vcf", late })],
  ["LDIF", (late) => readLdif(votersLdif(voters), { limits: DEFAULT_LIMITS, name: "v.ldif", late })],
  [
    "fixed width (.prn)",
    (late) => readFixedWidth(toPrn(rows), { limits: DEFAULT_LIMITS, name: "v.prn", late }),
  ],
  [
    "HTML tables (.html)",
    (late) =>
      readHtmlTables(new TextEncoder().encode(html()), { limits: DEFAULT_LIMITS, prefix: "v.html#", late }),
  ],
];

describe("text readers on the draft's clock", () => {
  it.each(files)("%s: read whole while time is left", async (_, read) => {
    const result = await read(() => false);
    expect(result.issues).toEqual([]);
    expect(result.tables[0].rowCount).toBeGreaterThanOrEqual(3000);
  });

  it.each(files)("%s: TIMEOUT, never half read, when time runs out mid-read", async (_, read) => {
    expect(await read(runsOutAfterFirstLook())).toEqual(TIMEOUT);
  });
});

describe("message bodies on the draft's clock", () => {
  const options = (late: () => boolean) => ({
    sampleRows: 500,
    checks: { phone: isUkPhone, postcode: isUkPostcode },
    clock: { late, limit: LIMIT },
  });
  const bodies: [string, { plain?: string; html?: string }][] = [
    ["an HTML body with a pasted table", { html: html() }],
    ["a plain body with a tab-separated paste", { plain: rows.map((r) => r.join("\t")).join("\n") }],
    [
      "a plain body listing people in sentences",
      { plain: voters.map((v) => `${v.forename} ${v.surname} lives at ${v.postcode}.`).join("\n") },
    ],
  ];

  it.each(bodies)("%s: read while time is left", async (_, body) => {
    const read = await readBody(
      body,
      options(() => false),
    );
    expect(read.issues).toEqual([]);
    expect(read.tables.length).toBeGreaterThan(0);
  });

  it.each(bodies)("%s: TIMEOUT, never half read, when time runs out mid-read", async (_, body) => {
    const read = await readBody(body, options(runsOutAfterFirstLook()));
    expect(read).toEqual({ tables: [], files: [], issues: TIMEOUT.issues });
  });
});
