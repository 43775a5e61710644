// The offline page's own script (web/guard.html): takes dropped or picked files, checks each in a
// Web Worker running the inline core bundle (the `guard` global of dist/guard-core.js), and shows
// the verdicts. No byte leaves the page: the CSP forbids every request, and nothing here asks.
import type { FileReport } from "../app/check-file-bytes.js";
import type { guard as Guard } from "../browser/core-bundle.js";
import { renderReport } from "./render-report.js";

declare const guard: typeof Guard;

const RANK = { allow: 0, warn: 1, block: 2 } as const;
const OVERALL = {
  allow: "ALLOW: nothing found that should stop this.",
  warn: "WARN: it may go, but read the warnings first.",
  block: "BLOCK: do not send this as it is.",
} as const;

/** The worker's script: this page's own inline core, as a blob: URL (file:// pages may load no file). */
function workerUrl(): string | undefined {
  const source = document.getElementById("guard-core")?.textContent ?? "";
  try {
    return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  } catch {
    return undefined;
  }
}

const WORKER_URL = workerUrl();

/** Checks in a worker with a time limit; where a browser cannot start one, on this thread. */
async function check(name: string, bytes: Uint8Array): Promise<FileReport> {
  if (WORKER_URL !== undefined && typeof Worker === "function")
    return guard.checkInWorker({ name, bytes }, { workerUrl: WORKER_URL });
  const engine = guard.browserEngine();
  if (!engine.ok) throw new Error(engine.error.join("\n"));
  return guard.checkFileBytes(name, bytes, engine.value);
}

const shown: FileReport[] = [];

function showOverall(): void {
  const box = document.getElementById("overall") as HTMLElement;
  const action = shown.reduce<keyof typeof RANK>(
    (a, r) => (RANK[r.action] > RANK[a] ? r.action : a),
    "allow",
  );
  box.hidden = false;
  box.className = `overall ${action}`;
  box.dataset.verdict = action;
  box.textContent = `${OVERALL[action]} (${shown.length} file${shown.length === 1 ? "" : "s"} checked)`;
}

async function checkFiles(files: readonly File[]): Promise<void> {
  const results = document.getElementById("results") as HTMLElement;
  for (const file of files) {
    const card = document.createElement("div");
    card.className = "card checking";
    card.textContent = `Checking ${file.name} ...`;
    results.append(card);
    let report: FileReport;
    try {
      report = await check(file.name, new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      card.className = "card block";
      card.dataset.verdict = "block";
      card.textContent = `${file.name}: BLOCK: guard could not check it (${String(error)}). Unread is not the same as clean.`;
      continue;
    }
    renderReport(report, card);
    shown.push(report);
    showOverall();
  }
  document.body.dataset.checked = String(shown.length);
}

function listen(): void {
  const drop = document.getElementById("drop") as HTMLElement;
  const pick = document.getElementById("pick") as HTMLInputElement;
  pick.addEventListener(
    "change",
    () => void checkFiles([...(pick.files ?? [])]).then(() => (pick.value = "")),
  );
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    void checkFiles([...(event.dataTransfer?.files ?? [])]);
  });
  // A file dropped beside the zone must not make the browser open it instead.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
}

listen();
