import type { RuleId } from "../model/finding.js";
import type { Policy } from "../model/policy.js";
import type { Verdict } from "../model/verdict.js";
import { adviceFor, describeFinding } from "../report/describe-finding.js";
import { formatText } from "../report/format-text.js";
import { formatVerdictLine } from "../report/format-verdict-line.js";

/** One finding as the dialog lists it. */
export interface FindingView {
  action: "warn" | "block";
  rule: RuleId;
  where: string;
  text: string;
  advice: string;
}

/** What the dialog shows and which answers it offers: plain data, sent to the dialog page. */
export interface DialogView {
  kind: "block" | "warn" | "error";
  headline: string;
  findings: FindingView[];
  /** The whole text report, as `guard check` prints it (masked samples only). */
  report: string;
  /** Whether a written justification may lift every blocking finding (policy `override.allowed`). */
  canOverride: boolean;
  /** Blocking rules no justification lifts under this policy. */
  notLiftable: RuleId[];
}

/** The dialog for a verdict that warns or blocks. */
export function dialogView(verdict: Verdict, policy: Policy, subject: string): DialogView {
  const allowed = new Set(policy.override.allowed);
  const blocking = verdict.findings.filter((f) => f.action === "block" && !f.overridden);
  const notLiftable = [...new Set(blocking.filter((f) => !allowed.has(f.rule)).map((f) => f.rule))];
  return {
    kind: verdict.action === "block" ? "block" : "warn",
    headline: formatVerdictLine(verdict.action, verdict.attachments),
    findings: verdict.findings.map((f) => ({
      action: f.action,
      rule: f.rule,
      where: [f.where?.attachment, f.where?.table !== f.where?.attachment ? f.where?.table : undefined]
        .filter(Boolean)
        .join(" > "),
      text: describeFinding(f),
      advice: adviceFor(f),
    })),
    report: formatText(verdict, { subject: `"${subject}"`, showRecipients: true }),
    canOverride: blocking.length > 0 && notLiftable.length === 0,
    notLiftable,
  };
}

/** The dialog for a send that could not be checked: it was stopped, and this says why. */
export function errorView(reason: string): DialogView {
  return {
    kind: "error",
    headline: "NOT SENT: guard could not check this message, so it stopped the send.",
    findings: [],
    report: reason,
    canOverride: false,
    notLiftable: [],
  };
}
