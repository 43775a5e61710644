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
import { sniffType } from "../../../src/parse/sniff-type.js";
import { findFixedColumns, readFixedWidth } from "../../../src/parse/text/read-fixed-width.js";
import { readJsonRecords } from "../../../src/parse/text/read-json-records.js";
import { readLdif } from "../../../src/parse/text/read-ldif.js";
import { readVcards } from "../../../src/parse/text/read-vcards.js";

const voters = voterRows(createRng("read-text-exports"), 20);
const ctx = { limits: DEFAULT_LIMITS, name: "x" };
const bytes = (s: string) => new TextEncoder().encode(s);

describe("readJsonRecords", () => {
  it("reads an array of records, keys as the header, every record a row", () => {
    const [table] = readJsonRecords(votersJson(voters), ctx).tables;
    expect(table.sample[0]).toEqual([
      "electorNo",
      "forename",
      "surname",
      "line1",
      "line2",
      "town",
      "postcode",
      "telephone",
      "email",
      "vi",
      "mosaic",
    ]);
    expect(table.rowCount).toBe(21);
    expect(table.sample[1][1]).toBe(voters[0].forename);
  });

  it("flattens one level of nesting and names arrays under a key; JSON Lines too; bad JSON is CORRUPT", () => {
    const nested = readJsonRecords(votersJson(voters, true), ctx).tables;
    expect(nested.map((t) => t.name)).toEqual(["x#voters"]);
    expect(nested[0].sample[0]).toContain("address.town");
    const lines = readJsonRecords(
      bytes('{"name": "Ann Lee", "tags": ["a", "b"]}\n{"name": "Bob Day"}\n'),
      ctx,
    );
    expect(lines.tables[0].sample).toEqual([
      ["name", "tags"],
      ["Ann Lee", "a, b"],
      ["Bob Day", ""],
    ]);
    expect(readJsonRecords(bytes('[{"name": "Ann'), ctx).issues.map((i) => i.code)).toEqual(["CORRUPT"]);
  });
});

describe("readVcards", () => {
  it("makes a row per card: name, first email and phone, address, postcode, X- properties", () => {
    const [table] = readVcards(votersVcf(voters), ctx).tables;
    expect(table.rowCount).toBe(21);
    // Only the columns some card fills: no card here has an organisation, birthday or note.
    expect(table.sample[0]).toEqual([
      "Name",
      "Email",
      "Phone",
      "Address",
      "Postcode",
      "VOTING INTENTION",
      "MOSAIC",
    ]);
    expect(table.sample[1][0]).toBe(`${voters[0].forename} ${voters[0].surname}`);
    expect(table.sample[1][4]).toBe(voters[0].postcode);
  });

  it("unfolds lines, undoes escapes and decodes vCard 2.1's quoted-printable", () => {
    const card = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bront=C3=AB;Ann;;;",
      "ADR;HOME:;;1 Mill Lane\\, Flat 2;Crewe;;CW1 ",
      " 3BN;",
      "TEL;CELL:07700 900123",
      "END:VCARD",
    ].join("\r\n");
    expect(readVcards(bytes(card), ctx).tables[0].sample[1]).toEqual([
      "Ann Brontë",
      "07700 900123",
      "1 Mill Lane, Flat 2, Crewe",
      "CW1 3BN",
    ]);
  });
});

describe("readLdif", () => {
  it("reads an entry per row, contact attributes under spreadsheet headers, base64 decoded", () => {
    const [table] = readLdif(votersLdif(voters), ctx).tables;
    expect(table.rowCount).toBe(21);
    expect(table.sample[0]).toEqual(
      expect.arrayContaining([
        "Forename",
        "Surname",
        "Name",
        "Home address",
        "Town",
        "Postcode",
        "description",
      ]),
    );
    const description = table.sample[0].indexOf("description");
    expect(table.sample[1][description]).toBe(`VI ${voters[0].vi}, MOSAIC ${voters[0].mosaic}`);
  });
});

describe("fixed-width text", () => {
  it("finds Excel's .prn columns, numbers right-aligned, and cuts every line there", () => {
    const rows = project(voters, CANVASS_COLUMNS);
    const [table] = readFixedWidth(toPrn(rows), ctx).tables;
    expect(table.sample[0]).toEqual(rows[0]);
    expect(table.sample[1]).toEqual(rows[1].map(String));
    expect(table.rowCount).toBe(21);
  });

  it("finds none in prose", () => {
    const prose =
      "Dear Ann,\nthank you for the leaflets you delivered in Crewe North last week.\nThe next round starts on Monday at the office.\nBest wishes, Bob";
    expect(findFixedColumns(prose.split("\n"))).toBeNull();
  });
});

describe("sniffType tells the text exports by their bytes, whatever the name", () => {
  it.each([
    ["json", votersJson(voters)],
    ["json", votersJson(voters, true)],
    ["vcard", votersVcf(voters)],
    ["ldif", votersLdif(voters)],
    ["fixed", toPrn(project(voters, CANVASS_COLUMNS))],
  ])("%s", (type, content) => {
    expect(sniffType(new Uint8Array(content), "export.dat")).toBe(type);
  });
});
