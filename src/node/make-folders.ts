import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates a folder and its missing parents, one `mkdir` each, and throws the system's error at the
 * first that fails. Not `mkdirSync(..., {recursive: true})`: under /proc that loops forever at full
 * CPU (a GUARD_AUDIT_LOG there hung `guard sendmail`, and the mail client with it).
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let dir = folder; !existsSync(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}
