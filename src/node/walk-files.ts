import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Folders never worth scanning. */
const SKIP_DIRS = new Set([".git", "node_modules", ".hg", ".svn"]);

/** Extensions of files `guard scan` reads inside folders (files named directly are always read). */
export const SCANNED_EXTENSIONS =
  /\.(csv|tsv|tab|txt|xlsx|xlsm|xls|xlsb|ods|fods|slk|zip|gz|tgz|tar|eml|msg|mbox|numbers|7z|docx|docm|doc|odt|rtf|pdf|prn|json|vcf|ldif|gpg|pgp|p7m)$/i;

/**
 * Lists the files under the given paths, sorted, folders recursively; missing paths are reported,
 * and files inside folders left out for their names are counted (`notDataLike`).
 */
export function walkFiles(paths: string[]): { files: string[]; missing: string[]; notDataLike: number } {
  const files: string[] = [];
  const missing: string[] = [];
  let notDataLike = 0;
  const visit = (path: string, named: boolean): void => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      if (named) missing.push(path);
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!SKIP_DIRS.has(entry)) visit(join(path, entry), false);
      }
    } else if (stat.isFile() && (named || SCANNED_EXTENSIONS.test(path))) {
      files.push(path);
    } else if (stat.isFile()) notDataLike++;
  };
  for (const p of paths) visit(p, true);
  return { files, missing, notDataLike };
}
