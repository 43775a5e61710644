import { describe, expect, it } from "vitest";
import { unwrapCell } from "../../src/classify/unwrap-cell.js";

describe("unwrapCell", () => {
  it.each([
    ['="07700 900123"', "07700 900123"],
    ['= "01270 123456" ', "01270 123456"],
    ['="Say ""hello"""', 'Say "hello"'],
    ["'07700 900123", "07700 900123"],
    ["=SUM(A1:A3)", "=SUM(A1:A3)"],
    ["''quoted", "''quoted"],
    ["O'Neill", "O'Neill"],
    ["", ""],
  ])("%s reads %s", (cell, expected) => {
    expect(unwrapCell(cell)).toBe(expected);
  });
});
