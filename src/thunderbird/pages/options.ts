// The options page: the policy a user sets for themselves (an organisation's managed policy wins),
// checked before it is saved, and the add-on's local log of decisions.
import { parsePolicyText } from "../../ruleset/parse-rules.js";
import type { LogEntry } from "../append-log.js";
import { type PageApi, setText } from "./page-api.js";

declare const browser: PageApi;

const policyBox = document.getElementById("policy") as HTMLTextAreaElement;

async function showManaged(): Promise<void> {
  try {
    const { policy } = await browser.storage.managed.get("policy");
    if (typeof policy === "string" && policy.trim() !== "")
      (document.getElementById("managed") as HTMLElement).hidden = false;
  } catch {
    // No managed storage for this add-on: the user's policy is the one in force.
  }
}

async function save(): Promise<void> {
  const text = policyBox.value;
  if (text.trim() !== "") {
    const parsed = parsePolicyText({ path: "policy", text });
    if (!parsed.ok) {
      setText("saved", `Not saved: ${parsed.error.join("; ")}`);
      return;
    }
  }
  await browser.storage.local.set({ policy: text });
  setText("saved", text.trim() === "" ? "Saved: the built-in default applies." : "Saved.");
}

function logRow(entry: LogEntry): HTMLTableRowElement {
  const row = document.createElement("tr");
  const cells =
    "error" in entry
      ? [entry.time, "error", "", "", entry.error]
      : [
          entry.time,
          entry.outcome,
          entry.verdictBefore ? `${entry.verdictBefore} → ${entry.verdict}` : entry.verdict,
          entry.rules.map((r) => r.rule).join(", "),
          entry.override?.reason ?? "",
        ];
  for (const text of cells) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

async function showLog(): Promise<LogEntry[]> {
  const { log } = await browser.storage.local.get("log");
  const entries = Array.isArray(log) ? (log as LogEntry[]) : [];
  document.getElementById("log")?.replaceChildren(...entries.slice(-50).reverse().map(logRow));
  return entries;
}

async function main(): Promise<void> {
  const { policy } = await browser.storage.local.get("policy");
  policyBox.value = typeof policy === "string" ? policy : "";
  await showManaged();
  const entries = await showLog();
  document.getElementById("save")?.addEventListener("click", () => {
    save().catch((error: unknown) => setText("saved", `Not saved: ${String(error)}`));
  });
  document.getElementById("download")?.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(entries, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "guard-log.json";
    link.click();
  });
}

main().catch((error: unknown) => setText("saved", String(error)));
