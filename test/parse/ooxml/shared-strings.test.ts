import { describe, expect, it } from "vitest";
import { SharedStrings } from "../../../src/parse/ooxml/parse-workbook-parts.js";

const XML =
  '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  "<si><t>Smith</t></si>" +
  '<si><r><t>Jane </t></r><r><t xml:space="preserve">Doe</t></r></si>' +
  '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si>' +
  "<si/>" +
  "<si><t>Fish &amp; Chips</t></si>" +
  "</sst>";

describe("SharedStrings", () => {
  it("gives each string by index, in any order, as far as the table goes", () => {
    const strings = new SharedStrings(XML);
    // Asked from the far end first: the scan goes on from where it stopped.
    expect(strings.get(4)).toBe("Fish & Chips");
    expect(strings.get(0)).toBe("Smith");
    expect(strings.get(1)).toBe("Jane Doe");
    expect(strings.get(2)).toBe("山田");
    expect(strings.get(3)).toBe("");
    expect(strings.get(5)).toBeUndefined();
    expect(strings.get(-1)).toBeUndefined();
    expect(strings.get(Number.NaN)).toBeUndefined();
    expect(strings.get(1.5)).toBeUndefined();
  });

  it("reads no further than the cells ask: a late clock is not asked for early strings", () => {
    // 10,000 strings (40,000 tags); the clock says time is up from its second question on, which
    // the scanner asks a few thousand tags in.
    const many = `<sst>${Array.from({ length: 10_000 }, (_, i) => `<si><t>s${i}</t></si>`).join("")}</sst>`;
    let asked = 0;
    const strings = new SharedStrings(many, () => ++asked > 1);
    expect(strings.get(10)).toBe("s10");
    expect(() => strings.get(9_999)).toThrow();
  });
});
