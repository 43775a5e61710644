// The memory bound the README states ("Limits and memory"), shown on one large attachment.
import { describe, expect, it } from "vitest";
import { toCsv } from "../../fixtures/gen/index.js";
import { contactRows, draftWith, measured, rulesOf } from "../helpers/drafts.js";

/** A voter-roll CSV of about `mb` MB: 10,000 generated people repeated. */
function bigCsv(mb: number): Buffer {
  const rows = contactRows(10_000, "memory");
  const body = toCsv(rows.slice(1));
  const parts = [toCsv([rows[0]])];
  for (let size = parts[0].length; size < mb * 1024 * 1024; size += body.length) parts.push(body);
  return Buffer.concat(parts);
}

describe("memory while checking a large attachment", () => {
  it("stays under 64 MB + 12 x the attachment for a 40 MB CSV in a draft", () => {
    const csv = bigCsv(40);
    const draft = draftWith([{ filename: "roll.csv", content: csv }]);
    const run = measured(["check", "-", "--format", "json"], draft);
    const attachmentMB = csv.length / 1024 / 1024;
    // The bound from the README: the process's own ~60 MB, then per MB of attachment the draft as
    // read (1.37 MB of base64), postal-mime's decoded copy (1), the decoded text (1-2) and the
    // parser's transient strings, with garbage collection deciding how much of it overlaps:
    // measured at 7.5-8.5 x (300-345 MB over the baseline), promised at 12 x.
    const bound = 64 + 12 * attachmentMB;
    console.log(
      `40 MB CSV in a ${(draft.length / 1024 / 1024).toFixed(0)} MB draft: ${run.ms.toFixed(0)} ms, peak RSS ${run.rssMB.toFixed(0)} MB (bound ${bound.toFixed(0)} MB)`,
    );
    expect(run.code, run.stderr).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(rulesOf(json)).toEqual(["personal-data-to-external"]);
    expect(json.attachments[0].tables[0].rows).toBeGreaterThan(500_000);
    expect(run.rssMB).toBeLessThan(bound);
  });
});
