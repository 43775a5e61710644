import { describe, expect, it } from "vitest";
import { locateHeaderLine } from "../../../src/parse/text/locate-header-line.js";

describe("locateHeaderLine", () => {
  it.each([
    ["header first", "Name,VI\r\nAnn,Lab\r\n", 0, 1],
    ["a title row and a blank line above", "Canvass 2008\r\n\r\nName,VI\r\nAnn,Lab\r\n", 1, 3],
    ["lines of bare delimiters are not rows", ",,\n,,\nName,VI\n", 0, 3],
    ["Excel's sep= line", "sep=;\nName;VI\n", 0, 2],
    ["a quoted cell over two lines", '"Title\nmore"\nName,VI\n', 1, 3],
    ["bare CR line ends", "Title\r\rName,VI\r", 1, 3],
    ["a BOM alone is no content", "\uFEFF\nName,VI\n", 0, 2],
  ])("%s", (_name, text, row, line) => {
    expect(locateHeaderLine(text, row, text.includes(";") ? ";" : ",")).toBe(line);
  });

  it("is undefined when the row lies beyond the text", () => {
    expect(locateHeaderLine("a,b\n", 3, ",")).toBeUndefined();
  });
});
