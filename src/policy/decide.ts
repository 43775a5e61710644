import { columnLabel } from "../classify/column-label.js";
import type { ClassifiedTable } from "../model/classified.js";
import type { Action, Policy, RuleId } from "../model/policy.js";
import { isPiiTag, isSensitiveTag, type Tag } from "../model/tags.js";
import type { Finding, HiddenWhere, InspectedAttachment, Recipient, Verdict } from "../model/verdict.js";
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
  if (origin !== "sheet" && origin !== "csv") places.push({ kind: origin });
  if (table.raw.state !== "visible") places.push({ kind: "sheet", state: table.raw.state });
  if (table.hiddenRows > 0) places.push({ kind: "rows", count: table.hiddenRows });
  const hiddenTagged = table.columns.filter((c) => c.hidden && c.tags.length > 0);
  if (hiddenTagged.length > 0) places.push({ kind: "columns", headers: hiddenTagged.map((c) => c.header) });
  return places;
}

/**
 * Applies a policy to what was found in a draft and who it goes to. Pure: the same tables,
 * recipients and policy always give the same findings, in the same order.
 */
export function decide(
  attachments: InspectedAttachment[],
  recipients: Recipient[],
  policy: Policy,
  mode: Mode,
): Verdict {
  const findings: Finding[] = [];
  const add = (rule: RuleId, finding: Omit<Finding, "action" | "rule">): void => {
    const action = policy.actions[rule];
    if (action !== "off") findings.push({ action, rule, ...finding });
  };

  const external = mode === "scan" ? 1 : recipients.filter((r) => r.external).length;
  const total = mode === "scan" ? 0 : recipients.length;
  const visible = recipients.filter((r) => r.field === "to" || r.field === "cc").length;
  const counts = { total, external, visible };

  const personal = attachments.flatMap((a) =>
    a.tables.filter(hasPii).map((table) => ({ attachment: a.filename, table })),
  );
  const personalRows = personal.reduce((sum, p) => sum + p.table.rows, 0);

  for (const r of recipients.filter((r) => isDenied(r, policy))) {
    add("denied-domain", { recipients: counts, columns: [r.domain] });
  }

  for (const { attachment, table } of personal) {
    const tags = tagsOf(table);
    const sensitive = tags.filter(isSensitiveTag);
    const base = { attachment, table: table.raw.name, rows: table.rows };
    if (external > 0 && sensitive.length > 0) {
      const columns = table.columns.filter((c) => c.tags.some(isSensitiveTag)).map(columnLabel);
      add("sensitive-to-external", { ...base, tags, columns, recipients: counts });
    }
    if (external > 0 && personalRows >= policy.thresholds.personalDataRows) {
      const columns = table.columns.filter((c) => c.tags.some(isPiiTag)).map(columnLabel);
      add("personal-data-to-external", { ...base, tags: tags.filter(isPiiTag), columns, recipients: counts });
    } else if (external > 0 && personalRows > 0) {
      const columns = table.columns.filter((c) => c.tags.some(isPiiTag)).map(columnLabel);
      add("some-personal-data-to-external", {
        ...base,
        tags: tags.filter(isPiiTag),
        columns,
        recipients: counts,
      });
    }
    const hidden = hiddenPlaces(table);
    if (hidden.length > 0) add("hidden-personal-data", { ...base, hidden });
  }

  if (personal.length > 0 && total >= policy.thresholds.manyRecipients) {
    const first = personal[0];
    const where = { attachment: first.attachment, table: first.table.raw.name, rows: personalRows };
    if (external > 0) add("personal-data-to-many", { ...where, recipients: counts });
    else add("personal-data-internal-many", { ...where, recipients: counts });
  }

  // Files in a patch mail's body are not attachments: a patch to a list is what lists are for.
  const attached = attachments.filter((a) => !a.fromBody);
  if (mode === "send" && attached.length > 0 && visible >= policy.thresholds.visibleRecipients) {
    add("visible-recipients", { attachment: attached[0].filename, recipients: counts });
  }

  for (const a of attachments) {
    const problems = a.status === "uninspectable" && a.reason ? [a.reason, ...a.issues] : a.issues;
    for (const issue of problems) {
      const rule = external > 0 ? "uninspectable-to-external" : "uninspectable-internal";
      add(rule, { attachment: a.filename, table: issue.path || undefined, issue, recipients: counts });
    }
  }

  return { verdict: strongest(findings.map((f) => f.action)), findings, recipients, attachments };
}
