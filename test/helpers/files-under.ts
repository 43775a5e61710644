import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under a folder, sorted, recursively; none when the folder is missing. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}
