import { describe, expect, it } from "vitest";
import { numericSeries } from "../../src/classify/numeric-series.js";

describe("numericSeries", () => {
  it.each([
    { case: "row numbers", values: ["1", "2", "3", "4", "5", "6"], expected: "sequence" },
    {
      case: "invoice numbers counting up",
      values: ["1270004512", "1270004513", "1270004514"],
      expected: "sequence",
    },
    {
      case: "web log times",
      values: ["1717171717", "1717175317", "1717178917", "1717999999"],
      expected: "timestamps",
    },
    {
      case: "millisecond times",
      values: ["1717171717000", "1717175317123", "1717178917999"],
      expected: "timestamps",
    },
    {
      case: "stock item IDs",
      values: ["5000234567", "5000234568", "5000234571", "5000234580", "5000234592"],
      expected: "fixed-id",
    },
    {
      case: "order IDs with a long prefix",
      values: ["88012345", "88017731", "88019902", "88011111"],
      expected: "fixed-id",
    },
    { case: "sensor readings", values: ["12.5", "40.2", "8.1", "11.9"], expected: "measurements" },
    {
      case: "a stray value does not unmake a series",
      values: ["timestamp", "1717171717", "1717175317", "1717178917", "1717182517"],
      expected: "timestamps",
    },
    {
      case: "phones with their zero kept",
      values: ["07700900123", "07700900456", "07700900789"],
      expected: null,
    },
    {
      case: "phones that lost their zero, from all over",
      values: ["7700900123", "1270654321", "1606123456", "2079460000"],
      expected: null,
    },
    { case: "ages", values: ["34", "71", "52", "18", "45"], expected: null },
    { case: "too few values", values: ["1", "2"], expected: null },
  ])("$case", ({ values, expected }) => {
    expect(numericSeries(values)).toBe(expected);
  });
});
