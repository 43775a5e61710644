// Writes labelled tables as .xlsx with Python's openpyxl, a writer other than the SheetJS that
// guard reads with: its files differ in the ways real exports do (inline/shared strings, styles,
// dimension records). Debian packages it as python3-openpyxl; when no python3 on the PATH (or
// /usr/bin/python3, which a pyenv shim may hide) can import it, the benchmark skips the writer.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LabelledTable } from "../../fixtures/gen/labelled.js";

const SCRIPT = `
import datetime, json, sys
from openpyxl import Workbook
for job in json.load(sys.stdin):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, row in enumerate(job["rows"], start=1):
        for c, v in enumerate(row, start=1):
            if v is None or v == "":
                continue
            if isinstance(v, dict):
                cell = ws.cell(row=r, column=c, value=datetime.date.fromisoformat(v["date"]))
                cell.number_format = "DD/MM/YYYY"
            else:
                ws.cell(row=r, column=c, value=v)
    wb.save(job["path"])
`;

/** A python interpreter that can import openpyxl, or null. */
export function findOpenpyxl(): string | null {
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(python, ["-c", "import openpyxl"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Writes every table with openpyxl in one Python run; returns id -> bytes. */
export function writeWithOpenpyxl(python: string, tables: readonly LabelledTable[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (tables.length === 0) return out;
  const dir = mkdtempSync(join(tmpdir(), "guard-accuracy-"));
  try {
    const jobs = tables.map((t) => ({ path: join(dir, `${t.id}.xlsx`), rows: t.rows }));
    const run = spawnSync(python, ["-c", SCRIPT], { input: JSON.stringify(jobs), encoding: "utf8" });
    if (run.status !== 0) throw new Error(`openpyxl writer failed: ${run.stderr}`);
    for (const [i, t] of tables.entries()) out.set(t.id, readFileSync(jobs[i].path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
