import type { FileReport, ShownFinding, ShownTable } from "../app/check-file-bytes.js";

const MARK = { warn: "! WARN", block: "x BLOCK" } as const;

/** An element with text (never HTML: file names and headers come from the files). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function renderFinding(f: ShownFinding): HTMLElement {
  const box = el("div", undefined, `finding ${f.action}`);
  box.dataset.rule = f.rule;
  const head = el("div");
  head.append(el("span", `${MARK[f.action]} ${f.rule}`, "rule"));
  const where = [f.file, f.table && f.table !== f.file ? `"${f.table}"` : undefined]
    .filter(Boolean)
    .join(" > ");
  if (where) head.append(el("span", `  (${where})`, "where"));
  box.append(head, el("div", f.message, "message"));
  const facts = [
    f.people !== undefined ? `${f.people.toLocaleString("en-GB")} people` : undefined,
    f.columns !== undefined ? `columns: ${f.columns.join(", ")}` : undefined,
  ].filter(Boolean);
  if (facts.length > 0) box.append(el("div", facts.join("; "), "facts muted"));
  const advice = el("div", undefined, "advice");
  advice.append(el("strong", "What to do: "), f.advice);
  box.append(advice);
  return box;
}

function renderTable(t: ShownTable): HTMLElement {
  const box = el("div", undefined, "table");
  const name = t.name === t.file ? t.file : `${t.file} > "${t.name}"`;
  const people = t.people !== t.rows ? `, naming ${t.people.toLocaleString("en-GB")} people` : "";
  box.append(
    el("div", `${name}: ${t.rows.toLocaleString("en-GB")} data row(s)${people}${t.hidden ? ", hidden" : ""}`),
  );
  if (t.columns.length === 0) return box;
  const table = el("table", undefined, "columns");
  const head = el("tr");
  head.append(el("th", "column"), el("th", "holds"), el("th", "masked samples"));
  table.append(head);
  for (const c of t.columns) {
    const row = el("tr");
    row.append(
      el("td", `${c.label}${c.hidden ? " [hidden]" : ""}`),
      el("td", c.tags.join(", ")),
      el("td", c.samples.join(" | ")),
    );
    table.append(row);
  }
  box.append(table);
  return box;
}

/**
 * One file's report as the text report reads: the verdict first, then each finding with file,
 * sheet, people, columns and what to do, then the tables read (masked samples) and what was not read.
 */
export function renderReport(report: FileReport, card: HTMLElement): void {
  card.className = `card ${report.action}`;
  card.dataset.verdict = report.action;
  card.replaceChildren(el("h2", report.name), el("p", report.headline, "headline"));
  for (const f of report.findings) card.append(renderFinding(f));
  const tagged = report.tables.filter((t) => t.columns.length > 0);
  if (tagged.length > 0) card.append(el("h3", "What was found"));
  for (const t of tagged) card.append(renderTable(t));
  for (const i of report.issues)
    card.append(el("div", `${i.path || i.file}: not inspected, ${i.text} (${i.code})`, "issue"));
  if (report.text !== "") {
    const details = el("details");
    details.append(el("summary", "The report as text"), el("pre", report.text));
    card.append(details);
  }
}
