import type { RuleId } from "./finding.js";
import type { Thresholds } from "./policy.js";

/** What every report says about a rule, whatever the finding: its names, descriptions and advice. */
export interface RuleEntry {
  /** PascalCase name for SARIF's `rule.name`. */
  sarifName: string;
  /** One line: SARIF's shortDescription. */
  short: string;
  /** What the rule checks, with the policy's thresholds (and the default's) as arguments. */
  full: (thresholds: { policy: Thresholds; defaults: Thresholds }) => string;
  /** What the sender could do instead. */
  advice: string;
}

/** "at least the policy's threshold (10 by default)", naming the policy's own value when it differs. */
const threshold = (policy: number, defaults: number): string =>
  policy === defaults ? `${defaults} by default` : `${policy} in this policy, ${defaults} by default`;

/**
 * The one catalogue of rules, in the order reports list them (SARIF's rule index). Typed by RuleId,
 * so a rule added to RuleArgs without an entry here fails tsc; the policy schema, text, JSON and
 * SARIF reports all read it.
 */
export const RULES: { readonly [R in RuleId]: RuleEntry } = {
  "sensitive-to-external": {
    sarifName: "SensitiveToExternal",
    short: "Special-category data about identifiable people",
    full: () =>
      "A table holds special-category data (political opinion, health, ethnicity, religion, ...) next to personal data that identifies people; it must not leave the organisation.",
    advice: "Remove the special-category columns, or send figures aggregated so no one can be identified.",
  },
  "personal-data-to-external": {
    sarifName: "PersonalDataToExternal",
    short: "Personal data on many rows",
    full: (t) =>
      `A file holds personal data (names, addresses, phone numbers, ...) on at least the policy's threshold of rows (${threshold(t.policy.personalDataRows, t.defaults.personalDataRows)}).`,
    advice:
      "Check the recipient really needs these people's details; send only the columns needed, or share through an approved system.",
  },
  "some-personal-data-to-external": {
    sarifName: "SomePersonalDataToExternal",
    short: "Personal data on a few rows",
    full: () => "A file holds personal data on fewer rows than the policy's threshold.",
    advice: "Check the recipient should see these people's details.",
  },
  "personal-data-to-many": {
    sarifName: "PersonalDataToMany",
    short: "Personal data to many recipients",
    full: () => "Personal data would go to many recipients, at least one of them external.",
    advice:
      "Do not send personal data to a mailing list: remove the attachment, and share it only with those who need it.",
  },
  "personal-data-internal-many": {
    sarifName: "PersonalDataInternalMany",
    short: "Personal data to many internal recipients",
    full: () => "Personal data would go to many recipients, all of them internal.",
    advice: "Check every colleague on the list needs this data.",
  },
  "visible-recipients": {
    sarifName: "VisibleRecipients",
    short: "Many visible recipients",
    full: () => "Many recipients can see each other's addresses in To and Cc.",
    advice: "Put the recipients in Bcc so they do not see each other's addresses.",
  },
  "uninspectable-to-external": {
    sarifName: "UninspectableToExternal",
    short: "A data file that could not be inspected",
    full: () =>
      "A file that looks like data could not be read (encrypted, damaged, over a size limit); unread is not the same as clean.",
    advice:
      "Send the file unencrypted to guard (and encrypt the channel instead), or share it through an approved system.",
  },
  "uninspectable-internal": {
    sarifName: "UninspectableInternal",
    short: "A data file that could not be inspected (internal)",
    full: () => "A file that looks like data could not be read, and goes to internal recipients only.",
    advice: "Make sure the file holds nothing it should not.",
  },
  "hidden-personal-data": {
    sarifName: "HiddenPersonalData",
    short: "Personal data hidden from view",
    full: () =>
      "Personal data sits where someone opening the file does not see it: a hidden sheet, row or column, a pivot cache, comments or an embedded workbook.",
    advice: "Unhide and review everything in the file, delete what is not meant to go, then attach it again.",
  },
  "denied-domain": {
    sarifName: "DeniedDomain",
    short: "A recipient domain the policy denies",
    full: () => "A recipient's domain is one the policy denies.",
    advice: "Do not send to this domain; ask your data protection lead.",
  },
  "register-match": {
    sarifName: "RegisterMatch",
    short: "People of a known register",
    full: () =>
      "A table or text names people of a register the organisation holds (electoral roll, members, volunteers), recognised by keyed hashes whatever the layout.",
    advice:
      "These people come from one of the organisation's registers: do not send them outside; ask your data protection lead.",
  },
};

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];
