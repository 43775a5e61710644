import { columnLabel } from "../classify/column-label.js";
import { type Engine, inspectFile, inspectMessages, inspectRead } from "../core.js";
import type { Action } from "../model/policy.js";
import type { IssueCode } from "../model/table.js";
import type { Verdict } from "../model/verdict.js";
import { sniffType } from "../parse/sniff-type.js";
import { strongest } from "../policy/decide.js";
import { findingColumns } from "../policy/finding-columns.js";
import { describeDraftError } from "../report/describe-draft-error.js";
import { adviceFor, describeFinding, describeIssue } from "../report/describe-finding.js";
import { toJsonDocument } from "../report/format-json.js";
import { formatMessagesJson } from "../report/format-messages-json.js";
import { formatMessagesText } from "../report/format-messages-text.js";
import { formatText } from "../report/format-text.js";
import { formatVerdictLine } from "../report/format-verdict-line.js";

/** One finding as a page shows it: verdict mark, where, people, what it means and what to do. */
export interface ShownFinding {
  action: Exclude<Action, "allow">;
  rule: string;
  file?: string;
  table?: string;
  columns?: string[];
  /** The people (data rows) it concerns, where the rule counts them. */
  people?: number;
  message: string;
  advice: string;
}

/** A tagged column as a page shows it: masked samples only, never a full value. */
export interface ShownColumn {
  label: string;
  tags: string[];
  hidden: boolean;
  samples: string[];
}

/** A table that was read, with its people count and tagged columns. */
export interface ShownTable {
  file: string;
  name: string;
  rows: number;
  people: number;
  hidden: boolean;
  columns: ShownColumn[];
}

/** A file that was read but not (wholly) inspected, and why. */
export interface ShownIssue {
  file: string;
  path: string;
  code: string;
  text: string;
}

/**
 * What checking one file gives a front end without a terminal (the offline page, an add-in):
 * the verdict first, the findings in parts, and the CLI's own text and JSON reports of the same bytes.
 * All plain data (it crosses a worker boundary); no cell value of a tagged column is in it unmasked.
 */
export interface FileReport {
  name: string;
  /** `message`: read as `guard check` reads a draft; `file`: as `guard scan` reads a file. */
  kind: "message" | "file";
  action: Action;
  headline: string;
  findings: ShownFinding[];
  tables: ShownTable[];
  issues: ShownIssue[];
  /** The CLI's text report (`guard check` / `guard scan` of the same bytes). */
  text: string;
  /** The CLI's JSON document (`--format json`). */
  json: Record<string, unknown>;
  /** Set when the message could not be read at all (the CLI's exit 3, which hooks treat as block). */
  error?: string;
}

/** Names that are mail messages (or folders of them), read as `guard check` reads a draft. */
const MESSAGE = /\.(eml|mbox|mbx)$/i;

/** Whether a file is read as a message (`guard check`) rather than as a file (`guard scan`). */
export const isMessageName = (name: string): boolean => MESSAGE.test(name);

function shownFindings(verdict: Verdict): ShownFinding[] {
  return verdict.findings.map((f) => ({
    action: f.action,
    rule: f.rule,
    ...(f.where !== null ? { file: f.where.attachment } : {}),
    ...(f.where?.table !== undefined ? { table: f.where.table } : {}),
    ...(f.rule !== "denied-domain" && findingColumns(f) !== undefined ? { columns: findingColumns(f) } : {}),
    ...("rows" in f.args ? { people: f.args.rows } : {}),
    message: describeFinding(f),
    advice: adviceFor(f),
  }));
}

function shownTables(verdict: Verdict): ShownTable[] {
  return verdict.attachments.flatMap((a) =>
    a.tables.map((t) => ({
      file: a.filename,
      name: t.raw.name,
      rows: t.rows,
      people: t.people,
      hidden: t.raw.state !== "visible",
      columns: t.columns
        .filter((c) => c.tags.length > 0)
        .map((c) => ({ label: columnLabel(c), tags: c.tags, hidden: c.hidden, samples: c.maskedSamples })),
    })),
  );
}

function shownIssues(verdict: Verdict): ShownIssue[] {
  return verdict.attachments.flatMap((a) =>
    [...(a.reason ? [a.reason] : []), ...a.issues].map((i) => ({
      file: a.filename,
      path: i.path,
      code: i.code,
      text: describeIssue(i),
    })),
  );
}

/** The parts of a report every verdict gives alike. */
function partsOf(
  verdicts: Verdict[],
): Pick<FileReport, "action" | "headline" | "findings" | "tables" | "issues"> {
  const action = strongest(verdicts.map((v) => v.action));
  return {
    action,
    headline: formatVerdictLine(
      action,
      verdicts.flatMap((v) => v.attachments),
    ),
    findings: verdicts.flatMap(shownFindings),
    tables: verdicts.flatMap(shownTables),
    issues: verdicts.flatMap(shownIssues),
  };
}

/** A message judged as `guard check` judges it, recipients from its headers. */
async function checkMessage(name: string, bytes: Uint8Array, engine: Engine): Promise<FileReport> {
  const result = await inspectMessages(bytes, engine);
  if (!result.ok) {
    const { index, of, code } = result.error;
    const which = of > 1 ? `message ${index} of ${of}: ` : "";
    const error = `cannot read ${name}: ${which}${describeDraftError(code)}`;
    const headline = `BLOCK: ${error}.`;
    const empty = { findings: [], tables: [], issues: [] };
    return { name, kind: "message", action: "block", headline, ...empty, text: "", json: {}, error };
  }
  const messages = result.value;
  const verdicts = messages.map((m) => m.verdict);
  const several = messages.length > 1;
  return {
    name,
    kind: "message",
    ...partsOf(verdicts),
    text: several
      ? formatMessagesText(messages, name)
      : formatText(verdicts[0], { subject: name, showRecipients: true }),
    json: several ? JSON.parse(formatMessagesJson(messages)) : toJsonDocument(verdicts[0]),
  };
}

/**
 * Checks the bytes of one file as the CLI would: a message (.eml, .mbox) as `guard check` does, any
 * other file as `guard scan` does (no recipients: judged as if sent outside).
 */
export async function checkFileBytes(name: string, bytes: Uint8Array, engine: Engine): Promise<FileReport> {
  if (isMessageName(name)) return checkMessage(name, bytes, engine);
  const verdict = await inspectFile(bytes, name, engine);
  return {
    name,
    kind: "file",
    ...partsOf([verdict]),
    text: formatText(verdict, { subject: name, showRecipients: false }),
    json: toJsonDocument(verdict),
  };
}

/**
 * The report for a file whose check did not finish (the host stopped it at its time limit, or the
 * reader crashed): the file as uninspectable with that reason, judged as `guard scan` judges an
 * unread file, so an unfinished check never reads as clean.
 */
export function unfinishedReport(
  name: string,
  bytes: Uint8Array,
  code: IssueCode,
  engine: Engine,
): FileReport {
  const verdict = inspectRead(
    {
      filename: name,
      type: sniffType(bytes.subarray(0, 64 * 1024), name),
      status: "uninspectable",
      reason: { code, path: "" },
      tables: [],
      issues: [],
      size: bytes.length,
    },
    engine,
  );
  return {
    name,
    kind: isMessageName(name) ? "message" : "file",
    ...partsOf([verdict]),
    text: formatText(verdict, { subject: name, showRecipients: false }),
    json: toJsonDocument(verdict),
  };
}
