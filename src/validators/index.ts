/**
 * Named checks that detector YAML refers to (`validator: uk-postcode`). Patterns live in YAML;
 * what needs arithmetic or structure lives here, one file a check. Each takes one trimmed cell value.
 */
import { isAdultAge } from "./adult-age.js";
import { isIban } from "./iban.js";
import { isLuhnCard } from "./luhn-card.js";
import { isNino } from "./nino.js";
import { isBirthDate, isPlausibleDate } from "./read-date.js";
import { isUkPhone } from "./uk-phone.js";
import { isUkPostcode } from "./uk-postcode.js";

// The checks by their own names too, for code that needs one directly (the body reader's people lists).
export { isAdultAge, isBirthDate, isIban, isLuhnCard, isNino, isPlausibleDate, isUkPhone, isUkPostcode };

/** The validators by the name detectors use. */
export const VALIDATORS: Record<string, (value: string) => boolean> = {
  "uk-postcode": isUkPostcode,
  "uk-phone": isUkPhone,
  nino: isNino,
  "luhn-card": isLuhnCard,
  iban: isIban,
  "plausible-date": isPlausibleDate,
  "birth-date": isBirthDate,
  "adult-age": isAdultAge,
};

/** Names of all validators, for the rules schema. */
export const VALIDATOR_NAMES = Object.keys(VALIDATORS);
