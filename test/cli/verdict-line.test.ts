// The text report's verdict line names every attachment it did not check, and says "nothing found"
// only when everything was read (contract v2).
import { describe, expect, it } from "vitest";
import { createRng, toCsv, wardBudget, writeXlsx } from "../../fixtures/gen/index.js";
import { guard, guardJson } from "../helpers/cli.js";
import { contactRows, draftWith } from "../helpers/drafts.js";

// A 1x1 PNG, as a browser saves one.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const budget = {
  filename: "ward-budget.xlsx",
  content: writeXlsx(wardBudget(createRng("line")), { sheetName: "Budget" }),
};
const firstLine = (text: string) => text.split("\n")[0];

describe("the verdict line", () => {
  it("says nothing was found when every attachment was read", async () => {
    const { code, stdout } = await guard(["check", "-"], draftWith([budget]));
    expect(code).toBe(0);
    expect(firstLine(stdout)).toBe("guard (standard input): ALLOW: nothing found that should stop this.");
  });

  it("names a photo it did not check, and does not say nothing was found", async () => {
    const draft = draftWith([budget, { filename: "photo.png", content: PNG }]);
    const { code, stdout } = await guard(["check", "-"], draft);
    expect(code).toBe(0);
    expect(firstLine(stdout)).toContain("1 attachment not checked: photo.png (image)");
    expect(firstLine(stdout)).not.toContain("nothing found");
    const { json } = await guardJson(["check", "-"], draft);
    expect(json.attachments.map((a: { filename: string; status: string }) => [a.filename, a.status])).toEqual(
      [
        ["ward-budget.xlsx", "inspected"],
        ["photo.png", "skipped"],
      ],
    );
  });

  it("names every unchecked attachment on a block too", async () => {
    const draft = draftWith([
      { filename: "voters.csv", content: toCsv(contactRows(40)) },
      { filename: "photo.png", content: PNG },
      { filename: "poster.png", content: PNG },
    ]);
    const { code, stdout } = await guard(["check", "-"], draft);
    expect(code).toBe(2);
    expect(firstLine(stdout)).toMatch(
      /^guard \(standard input\): BLOCK: .* 2 attachments not checked: photo\.png \(image\), poster\.png \(image\)\.$/,
    );
  });
});
