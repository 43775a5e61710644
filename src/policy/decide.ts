import { columnLabel } from "../classify/column-label.js";
import type { ClassifiedTable, RegisterMatch } from "../model/classified.js";
import type {
  Finding,
  FindingColumn,
  FindingOf,
  FindingWhere,
  HiddenWhere,
  RecipientCounts,
  RuleArgs,
  RuleId,
  TagSource,
} from "../model/finding.js";
import type { Action, Policy } from "../model/policy.js";
import { isPiiTag, isSensitiveTag, type Tag } from "../model/tags.js";
import type { InspectedAttachment, Recipient, Verdict } from "../model/verdict.js";
import { isDenied } from "./classify-recipients.js";

/** How a draft goes out: sent to its recipients, or scanned (every file treated as sent outside). */
export type Mode = "send" | "scan";

/** How strong each action is, for comparing verdicts. */
export const RANK: Record<Action, number> = { allow: 0, warn: 1, block: 2 };

/** The strongest of some actions. */
export const strongest = (actions: Action[]): Action =>
  actions.reduce<Action>((a, b) => (RANK[b] > RANK[a] ? b : a), "allow");

const tagsOf = (table: ClassifiedTable): Tag[] => [...new Set(table.columns.flatMap((c) => c.tags))];
const hasPii = (table: ClassifiedTable): boolean => tagsOf(table).some(isPiiTag);

/** Where a table's personal data is hidden from someone opening the file, if anywhere. */
function hiddenPlaces(table: ClassifiedTable): HiddenWhere[] {
  const places: HiddenWhere[] = [];
  const origin = table.raw.origin;
  // Every other origin (caches, comments, defined names, embedded books) is out of a reader's
  // sight; HiddenWhere names the same kinds, so the compiler keeps the two lists in step.
  if (origin !== "sheet" && origin !== "csv" && origin !== "body") places.push({ kind: origin });
  if (table.raw.state !== "visible") places.push({ kind: "sheet", state: table.raw.state });
  if (table.hiddenRows > 0) places.push({ kind: "rows", count: table.hiddenRows });
  const hiddenTagged = table.columns.filter((c) => c.hidden && c.tags.length > 0);
  if (hiddenTagged.length > 0) places.push({ kind: "columns", headers: hiddenTagged.map((c) => c.header) });
  return places;
}

/** Collects findings under a policy: a rule the policy turns off adds nothing. */
class Findings {
  readonly list: Finding[] = [];
  constructor(readonly policy: Policy) {}

  /** Adds a finding of `rule` with the action the policy gives it. */
  add<R extends RuleId>(rule: R, where: FindingWhere | null, args: RuleArgs[R]): void {
    const action = this.policy.actions[rule];
    if (action !== "off") this.list.push({ rule, action, where, args } as FindingOf<R> as Finding);
  }
}

/** Recipient counts and personal-data rows: what every rule below compares with its threshold. */
interface Facts {
  external: number;
  personalRows: number;
  counts: RecipientCounts;
}

const columnsTagged = (table: ClassifiedTable, test: (tag: Tag) => boolean): FindingColumn[] =>
  table.columns.filter((c) => c.tags.some(test)).map((c) => ({ index: c.index, label: columnLabel(c) }));

/** Each tag of the table with the detectors that gave it, once each. */
function sourcesOf(table: ClassifiedTable): TagSource[] {
  const seen = new Map<string, TagSource>();
  for (const c of table.columns)
    for (const e of c.evidence) seen.set(`${e.tag} ${e.detector}`, { tag: e.tag, detector: e.detector });
  return [...seen.values()];
}

/** A table of personal data: what of it goes outside, and what is hidden in it. */
function judgeTable(out: Findings, attachment: string, table: ClassifiedTable, facts: Facts): void {
  const { external, personalRows, counts: recipients } = facts;
  const tags = tagsOf(table);
  const where = { attachment, table: table.raw.name };
  // People, not lines: a line of 300 addresses is 300 people (the contract's `people`).
  const rows = table.people;
  const sources = sourcesOf(table);
  if (external > 0 && tags.some(isSensitiveTag)) {
    const columns = columnsTagged(table, isSensitiveTag);
    out.add("sensitive-to-external", where, { rows, tags, columns, recipients, sources });
  }
  if (external > 0 && personalRows > 0) {
    const many = personalRows >= out.policy.thresholds.personalDataRows;
    const columns = columnsTagged(table, isPiiTag);
    const piiSources = sources.filter((s) => isPiiTag(s.tag));
    const args = { rows, tags: tags.filter(isPiiTag), columns, recipients, sources: piiSources };
    out.add(many ? "personal-data-to-external" : "some-personal-data-to-external", where, args);
  }
  const hidden = hiddenPlaces(table);
  if (hidden.length > 0) out.add("hidden-personal-data", where, { rows, hidden });
}

/** Attachments and parts that could not be read, judged by where they go. */
function judgeUninspectable(out: Findings, attachments: InspectedAttachment[], facts: Facts): void {
  const rule = facts.external > 0 ? "uninspectable-to-external" : "uninspectable-internal";
  for (const a of attachments) {
    const problems = a.status === "uninspectable" && a.reason ? [a.reason, ...a.issues] : a.issues;
    for (const issue of problems) {
      const where = { attachment: a.filename, table: issue.path || undefined };
      out.add(rule, where, { issue, recipients: facts.counts });
    }
  }
}

/** People of a register found in a draft's text rather than in a table: where, and how many. */
export interface TextRegisterMatch {
  where: FindingWhere;
  match: RegisterMatch;
}

/** Tables and texts naming people of a register the policy names, sent outside. */
function judgeRegisters(
  out: Findings,
  attachments: InspectedAttachment[],
  texts: TextRegisterMatch[],
  facts: Facts,
): void {
  if (facts.external === 0) return;
  const found = [
    ...attachments.flatMap((a) =>
      a.tables.flatMap((t) =>
        (t.registers ?? []).map((match) => ({ where: { attachment: a.filename, table: t.raw.name }, match })),
      ),
    ),
    ...texts,
  ];
  for (const { where, match } of found)
    out.add("register-match", where, {
      register: match.register,
      people: match.people,
      ...(match.estimated ? { estimated: true } : {}),
      recipients: facts.counts,
    });
}

/** People counted for thresholds: each personal-data table's, or a register's count where larger. */
const peopleOf = (table: ClassifiedTable): number =>
  Math.max(table.people, ...(table.registers ?? []).map((m) => m.people));

/**
 * Applies a policy to what was found in a draft and who it goes to. Pure: the same tables,
 * recipients and policy always give the same findings, in the same order.
 */
export function decide(
  attachments: InspectedAttachment[],
  recipients: Recipient[],
  policy: Policy,
  mode: Mode,
  texts: TextRegisterMatch[] = [],
): Verdict {
  const out = new Findings(policy);
  // A draft with no recipient yet is judged as if it went to one outsider (CONTRACT.md): it is
  // not safe just because the To line is still empty.
  const noRecipients = mode === "send" && recipients.length === 0;
  const external = mode === "scan" || noRecipients ? 1 : recipients.filter((r) => r.external).length;
  const total = mode === "scan" ? 0 : noRecipients ? 1 : recipients.length;
  const visible = recipients.filter((r) => r.field === "to" || r.field === "cc").length;
  const counts = { total, external, visible };
  // A register's people are personal data even where no column says so (a headerless list).
  const personal = attachments.flatMap((a) =>
    a.tables
      .filter((t) => hasPii(t) || (t.registers ?? []).length > 0)
      .map((table) => ({ attachment: a.filename, table })),
  );
  const textPeople = texts.reduce((sum, t) => sum + t.match.people, 0);
  const personalRows = personal.reduce((sum, p) => sum + peopleOf(p.table), 0) + textPeople;
  const facts = { external, counts, personalRows };

  for (const r of recipients.filter((r) => isDenied(r, policy)))
    out.add("denied-domain", null, { domain: r.domain, recipients: counts });
  for (const { attachment, table } of personal) if (hasPii(table)) judgeTable(out, attachment, table, facts);
  if (personal.length > 0 && total >= policy.thresholds.manyRecipients) {
    const where = { attachment: personal[0].attachment, table: personal[0].table.raw.name };
    const args = { rows: facts.personalRows, recipients: counts };
    out.add(external > 0 ? "personal-data-to-many" : "personal-data-internal-many", where, args);
  }
  // Files in a patch mail's body are not attachments: a patch to a list is what lists are for.
  // Nor is the message's own text.
  const attached = attachments.filter((a) => !a.fromBody && a.type !== "body");
  if (mode === "send" && attached.length > 0 && visible >= policy.thresholds.visibleRecipients)
    out.add("visible-recipients", { attachment: attached[0].filename }, { recipients: counts });
  judgeUninspectable(out, attachments, facts);
  judgeRegisters(out, attachments, texts, facts);
  const action = strongest(out.list.map((f) => f.action));
  return { action, findings: out.list, recipients, attachments, ...(noRecipients ? { noRecipients } : {}) };
}
