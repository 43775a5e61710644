import { describe, expect, it } from "vitest";
import { VALIDATOR_NAMES, VALIDATORS } from "../../src/validators/index.js";
import { readDate } from "../../src/validators/read-date.js";

// Each validator by the name detector YAML uses, with values it must accept and refuse. Checksum
// examples are the published ones (ISO 13616's GB82 WEST..., the card networks' test numbers).
const cases: Record<string, [string, boolean][]> = {
  "uk-postcode": [
    ["CW1 2AB", true],
    ["cw12ab", true],
    [" SW1A  2AA ", true],
    ["EC1A 1BB", true],
    ["W1A 0AX", true],
    ["DN55 1PT", true],
    ["GIR 0AA", true],
    ["CW1", false], // an outward code alone is a district, not a postcode
    ["QW1 2AB", false], // Q never starts a postcode
    ["CW1 2CB", false], // C never stands in the inward code
    ["CW1-2AB", false],
    ["12345", false],
  ],
  "uk-phone": [
    ["01270 123456", true],
    ["(01270) 500600", true],
    ["07700 900123", true],
    ["+44 7700 900123", true],
    ["+44 (0)7700 900123", true],
    ["0044 20 7946 0000", true],
    ["447700900123", true],
    ["7700900123", true], // the leading zero a spreadsheet's number format dropped
    ["07700 900123 (mob)", true],
    ["01270 123456 ext 12", true],
    ["0800 123 4567", true],
    ["0345 123 4567", true],
    ["04700 900123", false], // 04 and 06 are not allocated by Ofcom
    ["06700 900123", false],
    ["09098 790123", false], // premium rate is no one's number
    ["0770 090012", false], // a mobile number one digit short
    ["+1 212 555 0100", false],
    ["12345", false],
    ["call me", false],
  ],
  nino: [
    ["AB123456C", true],
    ["ab 12 34 56 c", true],
    ["QQ123456C", false], // Q is never a first letter
    ["AO123456A", false], // O is never a second letter
    ["GB123456A", false], // prefixes never issued
    ["ZZ123456D", false],
    ["AB123456E", false], // the suffix is A to D
    ["AB12345C", false],
    ["AB123456", false],
  ],
  "luhn-card": [
    ["4111 1111 1111 1111", true],
    ["4111-1111-1111-1111", true],
    ["5555555555554444", true],
    ["378282246310005", true],
    ["4111111111111112", false], // check digit wrong
    ["79927398713", false], // Luhn-valid but too short for a card
    ["4111 1111 1111 111a", false],
  ],
  iban: [
    ["GB82 WEST 1234 5698 7654 32", true],
    ["gb82west12345698765432", true],
    ["DE89 3704 0044 0532 0130 00", true],
    ["GB82WEST12345698765433", false], // mod-97 fails
    ["GB00WEST12345698765432", false],
    ["GB82 WEST", false],
    ["1234567890123456", false],
  ],
  "plausible-date": [
    ["1900-01-01", true],
    ["31/12/2030", true],
    ["1899-12-31", false],
    ["2031-01-01", false],
    ["yesterday", false],
  ],
  "birth-date": [
    ["5 Mar 1954", true],
    ["2010-12-31", true],
    ["2011-01-01", false], // too young to be on a roll
    ["1899-12-31", false],
  ],
  "adult-age": [
    ["16", true],
    ["110", true],
    [" 42 ", true],
    ["15", false],
    ["111", false],
    ["7", false],
    ["45.5", false],
  ],
};

describe("validators", () => {
  it("every validator a detector may name has cases here", () => {
    expect(Object.keys(cases).sort()).toEqual([...VALIDATOR_NAMES].sort());
  });

  describe.each(Object.entries(cases))("%s", (name, table) => {
    it.each(table)("%s -> %s", (value, expected) => {
      expect(VALIDATORS[name](value)).toBe(expected);
    });
  });
});

describe("readDate", () => {
  it.each([
    ["1980-12-31", { year: 1980, month: 12, day: 31 }],
    ["1980-12-31T10:00:00", { year: 1980, month: 12, day: 31 }],
    ["31/12/1980", { year: 1980, month: 12, day: 31 }],
    ["12/31/1980", { year: 1980, month: 12, day: 31 }], // American, when day-first cannot be
    ["05/04/1980", { year: 1980, month: 4, day: 5 }], // day first, as in the UK
    ["5 Mar 1954", { year: 1954, month: 3, day: 5 }],
    ["05-march-54", { year: 1954, month: 3, day: 5 }],
    ["01.02.05", { year: 2005, month: 2, day: 1 }], // a two-digit year is in the past
    ["2024-13-01", null],
    ["31/13/1980", null],
    ["not a date", null],
  ])("%s", (value, expected) => {
    expect(readDate(value)).toEqual(expected);
  });
});
