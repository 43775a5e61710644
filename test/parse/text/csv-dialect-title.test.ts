import { describe, expect, it } from "vitest";
import { guessDelimiter } from "../../../src/parse/text/csv-dialect.js";

describe("guessDelimiter", () => {
  it("lets no title line without a delimiter outvote a narrow semicolon table", () => {
    const text = [
      "Branch email list",
      "Exported 12/03/2024",
      "",
      "Branch;Email",
      "Crewe;jo@gmail.com",
      "Nantwich;al@gmail.com",
      "Sandbach;bo@gmail.com",
    ].join("\r\n");
    expect(guessDelimiter(text)).toBe(";");
  });
});
