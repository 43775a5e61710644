import { describe, expect, it } from "vitest";
import { toCsv, writeWorkbook } from "../../fixtures/gen/index.js";
import { DEFAULT_LIMITS, type Limits } from "../../src/model/limits.js";
import type { Platform } from "../../src/model/platform.js";
import { nodePlatform } from "../../src/node/platform.js";
import { type ReadContext, readAttachment } from "../../src/parse/read-attachment.js";
import { isUkPhone, isUkPostcode } from "../../src/validators/index.js";
import { contactRows } from "../helpers/drafts.js";
import { makeZip, repack } from "./container/make-zip.js";

const context = (
  limits: Partial<Limits> = {},
  platform: Platform = nodePlatform,
  deadline?: number,
): ReadContext => ({
  platform,
  limits: { ...DEFAULT_LIMITS, ...limits },
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
  checks: { phone: isUkPhone, postcode: isUkPostcode },
  ...(deadline === undefined ? {} : { deadline }),
});

const source = (filename: string, bytes: Uint8Array) => ({ filename, contentType: "", bytes });

/** A clock that moves on by `step` ms each time it is read. */
function steppingClock(step: number): Platform {
  let t = 0;
  return { ...nodePlatform, now: () => (t += step) };
}

describe("readAttachment: depth of embedded workbooks counts the containers around them", () => {
  const inner = writeWorkbook([{ name: "Contacts", rows: contactRows(10) }]);
  const book = repack(writeWorkbook([{ name: "Totals", rows: [["Ward", "Total"]] }]), {
    "xl/embeddings/Microsoft_Excel_Worksheet1.xlsx": inner,
  });

  it("reads the embedded workbook of an attachment within maxDepth 1", async () => {
    const read = await readAttachment(source("book.xlsx", book), context({ maxDepth: 1 }));
    expect(read.tables.map((t) => [t.name, t.origin])).toContainEqual([
      "embedded/Microsoft_Excel_Worksheet1.xlsx#Contacts",
      "embedded",
    ]);
    expect(read.issues).toEqual([]);
  });

  it("refuses it as TOO_DEEP when the workbook itself sits in a ZIP", async () => {
    const zip = makeZip([{ name: "book.xlsx", data: book }]);
    const read = await readAttachment(source("book.zip", zip), context({ maxDepth: 1 }));
    expect(read.status).toBe("inspected");
    expect(read.tables.map((t) => t.name)).toEqual(["book.xlsx#Totals"]);
    expect(read.issues).toEqual([
      { code: "TOO_DEEP", path: "book.xlsx#embedded/Microsoft_Excel_Worksheet1.xlsx" },
    ]);
  });
});

describe("readAttachment: the time limit", () => {
  const TIME_LIMIT = expect.objectContaining({ name: "maxSecondsPerDraft", unit: "seconds" });
  const csv = toCsv(contactRows(5));

  it("reads nothing once the deadline has passed, and says so", async () => {
    const read = await readAttachment(source("c.csv", csv), context({}, steppingClock(10), 5));
    expect(read).toMatchObject({
      status: "uninspectable",
      type: "csv",
      reason: { code: "TIMEOUT", path: "" },
    });
  });

  it("does not count a late image as unread: it was never data", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const read = await readAttachment(source("p.png", png), context({}, steppingClock(10), 5));
    expect(read.status).toBe("skipped");
  });

  it("turns every member of a container left when time runs out into a TIMEOUT issue", async () => {
    const zip = makeZip([
      { name: "a.csv", data: csv },
      { name: "b.csv", data: csv },
      { name: "c.csv", data: csv },
    ]);
    // The clock reads 10 at the attachment, 20, 30, 40 as each member is extracted, then 50, 60,
    // 70 before each is read: past 55, b.csv and c.csv are left.
    const read = await readAttachment(source("z.zip", zip), context({}, steppingClock(10), 55));
    expect(read.status).toBe("inspected");
    expect(read.tables.map((t) => t.name)).toEqual(["a.csv"]);
    expect(read.issues).toEqual([
      { code: "TIMEOUT", path: "b.csv", limit: TIME_LIMIT },
      { code: "TIMEOUT", path: "c.csv", limit: TIME_LIMIT },
    ]);
  });
});
