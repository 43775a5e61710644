import { columnLabel } from "../classify/column-label.js";
import type { ClassifiedTable } from "../model/classified.js";
import { type Policy, RULE_IDS, type RuleId } from "../model/policy.js";
import type { ScannedFile, ScanResult } from "../model/scan.js";
import type { Finding } from "../model/verdict.js";
import { ADVICE, describeFinding } from "./describe-finding.js";

/** What the SARIF report needs besides the scan. */
export interface SarifOptions {
  /** guard's version, for tool.driver. */
  version: string;
  /** The policy's action per rule, for each rule's default level. */
  actions: Policy["actions"];
}

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The key under which GitHub keeps a result's identity across runs. */
export const FINGERPRINT_KEY = "guardFinding/v1";

const RULE_TEXT: Record<RuleId, { name: string; short: string; full: string }> = {
  "sensitive-to-external": {
    name: "SensitiveToExternal",
    short: "Special-category data about identifiable people",
    full: "A table holds special-category data (political opinion, health, ethnicity, religion, ...) next to personal data that identifies people; it must not leave the organisation.",
  },
  "personal-data-to-external": {
    name: "PersonalDataToExternal",
    short: "Personal data on many rows",
    full: "A file holds personal data (names, addresses, phone numbers, ...) on at least the policy's threshold of rows (10 by default).",
  },
  "some-personal-data-to-external": {
    name: "SomePersonalDataToExternal",
    short: "Personal data on a few rows",
    full: "A file holds personal data on fewer rows than the policy's threshold.",
  },
  "personal-data-to-many": {
    name: "PersonalDataToMany",
    short: "Personal data to many recipients",
    full: "Personal data would go to many recipients, at least one of them external.",
  },
  "personal-data-internal-many": {
    name: "PersonalDataInternalMany",
    short: "Personal data to many internal recipients",
    full: "Personal data would go to many recipients, all of them internal.",
  },
  "visible-recipients": {
    name: "VisibleRecipients",
    short: "Many visible recipients",
    full: "Many recipients can see each other's addresses in To and Cc.",
  },
  "uninspectable-to-external": {
    name: "UninspectableToExternal",
    short: "A data file that could not be inspected",
    full: "A file that looks like data could not be read (encrypted, damaged, over a size limit); unread is not the same as clean.",
  },
  "uninspectable-internal": {
    name: "UninspectableInternal",
    short: "A data file that could not be inspected (internal)",
    full: "A file that looks like data could not be read, and goes to internal recipients only.",
  },
  "hidden-personal-data": {
    name: "HiddenPersonalData",
    short: "Personal data hidden from view",
    full: "Personal data sits where someone opening the file does not see it: a hidden sheet, row or column, a pivot cache, comments or an embedded workbook.",
  },
  "denied-domain": {
    name: "DeniedDomain",
    short: "A recipient domain the policy denies",
    full: "A recipient's domain is one the policy denies.",
  },
};

const LEVEL = { block: "error", warn: "warning", off: "none" } as const;
// GitHub ranks security results by this score (0-10): block is high, warn medium.
const SEVERITY = { block: "8.0", warn: "5.0", off: "0.0" } as const;

/** Spreadsheet column letters for a 0-based index: 0 A, 25 Z, 26 AA. */
export function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as a formula refers to it: quoted when it holds anything but letters, digits and _. */
const sheetRef = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

/**
 * Where in the table a finding lies, in words. Row numbers count from the table's first non-empty
 * row, so blank rows above the header (which readers drop) shift them; the sheet and column letters
 * are exact.
 */
function whereText(file: ScannedFile, f: Finding): string {
  const table = file.verdict.attachments.flatMap((a) => a.tables).find((t) => t.raw.name === f.table);
  if (table === undefined) return f.table !== undefined && f.table !== "" ? ` (in ${f.table})` : "";
  const concerned = columnsOf(table, f);
  if (table.raw.origin === "csv") {
    const line = file.headerLines[table.raw.name];
    const header = line !== undefined ? `header on line ${line}` : "no header line located";
    const cols = concerned.map((c) => `${columnLabel(c)} (column ${c.index + 1})`).join(", ");
    return ` (${table.raw.name}: ${header}${cols ? `; columns ${cols}` : ""})`;
  }
  const sheet = table.raw.name.includes("#")
    ? table.raw.name.slice(table.raw.name.lastIndexOf("#") + 1)
    : table.raw.name;
  const first = table.headerRow === null ? 1 : table.headerRow + 2;
  const last = first + Math.max(table.rows, 1) - 1;
  const inside =
    table.raw.name === sheet ? "" : ` in ${table.raw.name.slice(0, table.raw.name.lastIndexOf("#"))}`;
  if (table.raw.origin !== "sheet") return ` (${table.raw.origin} of ${sheetRef(sheet)}${inside})`;
  const ranges =
    concerned.length > 0
      ? concerned.map(
          (c) => `${sheetRef(sheet)}!${columnLetters(c.index)}${first}:${columnLetters(c.index)}${last}`,
        )
      : [`${sheetRef(sheet)}!A${first}:${columnLetters(Math.max(table.columns.length - 1, 0))}${last}`];
  return ` (${ranges.join(", ")}${inside})`;
}

/** The columns a finding names, found back in its table by label. */
function columnsOf(table: ClassifiedTable, f: Finding): ClassifiedTable["columns"] {
  const labels = new Set(f.columns ?? []);
  return table.columns.filter((c) => labels.has(columnLabel(c)));
}

function startLine(file: ScannedFile, f: Finding): number {
  const line = f.table !== undefined ? file.headerLines[f.table] : undefined;
  return line !== undefined && line >= 1 ? line : 1;
}

/**
 * The scan as SARIF 2.1.0 for GitHub code scanning: every rule with its help, one result per
 * finding at a repository-relative path, fingerprinted by rule, path, table and column headers.
 * Carries no cell value, masked or not.
 */
export function formatSarif(scan: ScanResult, options: SarifOptions): string {
  const rules = RULE_IDS.map((id) => {
    const action = options.actions[id];
    return {
      id,
      name: RULE_TEXT[id].name,
      shortDescription: { text: RULE_TEXT[id].short },
      fullDescription: { text: RULE_TEXT[id].full },
      help: { text: ADVICE[id], markdown: `**What to do:** ${ADVICE[id]}` },
      defaultConfiguration: { level: LEVEL[action] },
      properties: {
        tags: ["privacy", "security"],
        precision: "medium",
        "security-severity": SEVERITY[action],
      },
    };
  });
  const results = scan.files.flatMap((file) =>
    file.findings.map(({ finding: f, fingerprint }) => ({
      ruleId: f.rule,
      ruleIndex: RULE_IDS.indexOf(f.rule),
      level: LEVEL[f.action],
      message: { text: `${describeFinding(f)}${whereText(file, f)}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file.uri, uriBaseId: "%SRCROOT%" },
            region: { startLine: startLine(file, f) },
          },
        },
      ],
      // Our own primaryLocationLineHash too: otherwise upload-sarif hashes the text of the line,
      // which for a headerless CSV is a row of data.
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint, primaryLocationLineHash: fingerprint },
      properties: {
        tags: ["privacy", "security", ...(f.tags ?? [])],
        ...(f.table !== undefined ? { table: f.table } : {}),
        ...(f.rows !== undefined ? { rows: f.rows } : {}),
      },
    })),
  );
  const doc = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "guard", version: options.version, semanticVersion: options.version, rules },
        },
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
