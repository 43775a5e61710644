import { columnLabel } from "../classify/column-label.js";
import type { ClassifiedTable } from "../model/classified.js";
import type { Finding } from "../model/finding.js";
import { DEFAULT_THRESHOLDS, type Policy } from "../model/policy.js";
import { RULE_IDS, RULES } from "../model/rule-catalogue.js";
import type { ScannedFile, ScanResult } from "../model/scan.js";
import { describeFinding } from "./describe-finding.js";

/** What the SARIF report needs besides the scan. */
export interface SarifOptions {
  /** guard's version, for tool.driver. */
  version: string;
  /** The policy's action per rule, for each rule's default level. */
  actions: Policy["actions"];
  /** The policy's thresholds, for the rules' descriptions. */
  thresholds: Policy["thresholds"];
}

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The key under which GitHub keeps a result's identity across runs. */
export const FINGERPRINT_KEY = "guardFinding/v1";

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
  const name = f.where?.table;
  const table = file.verdict.attachments.flatMap((a) => a.tables).find((t) => t.raw.name === name);
  if (table === undefined) return name !== undefined && name !== "" ? ` (in ${name})` : "";
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

/** The columns a finding concerns, found back in its table by position. */
function columnsOf(table: ClassifiedTable, f: Finding): ClassifiedTable["columns"] {
  const indexes = new Set("columns" in f.args ? f.args.columns.map((c) => c.index) : []);
  return table.columns.filter((c) => indexes.has(c.index));
}

function startLine(file: ScannedFile, f: Finding): number {
  const table = f.where?.table;
  const line = table !== undefined ? file.headerLines[table] : undefined;
  return line !== undefined && line >= 1 ? line : 1;
}

/**
 * The scan as SARIF 2.1.0 for GitHub code scanning: every rule with its help, one result per
 * finding at a repository-relative path, fingerprinted by rule, path, table and column headers.
 * Carries no cell value, masked or not.
 */
export function formatSarif(scan: ScanResult, options: SarifOptions): string {
  const thresholds = { policy: options.thresholds, defaults: DEFAULT_THRESHOLDS };
  const rules = RULE_IDS.map((id) => {
    const action = options.actions[id];
    const rule = RULES[id];
    return {
      id,
      name: rule.sarifName,
      shortDescription: { text: rule.short },
      fullDescription: { text: rule.full(thresholds) },
      help: { text: rule.advice, markdown: `**What to do:** ${rule.advice}` },
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
        tags: ["privacy", "security", ...("tags" in f.args ? f.args.tags : [])],
        ...(f.where?.table !== undefined ? { table: f.where.table } : {}),
        ...("rows" in f.args ? { rows: f.args.rows } : {}),
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
