import { type CommandOutput, output, usageError } from "./command-output.js";
import { EXIT } from "./exit-codes.js";
import type { Host } from "./host.js";

/**
 * `guard page [--out FILE]`: the offline check page (one HTML file, docs/browser.md) to standard
 * output, or written to FILE (replacing it), for a shared drive or an intranet.
 */
export function writePage(
  options: { out?: string },
  host: Pick<Host, "readPage" | "writeFile">,
): CommandOutput {
  const page = host.readPage();
  if (!page.ok) return usageError(page.error);
  if (options.out === undefined) return output(EXIT.allow, page.value);
  const written = host.writeFile(options.out, page.value, { replace: true });
  if (!written.ok) return usageError(`cannot write ${options.out}: ${written.error}`);
  return output(EXIT.allow, "", `guard: wrote the offline check page to ${options.out}\n`);
}
