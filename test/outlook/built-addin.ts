// Builds the add-in once per test file into a temporary folder, as `npm run build:outlook` does.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildOutlook, type OutlookBuildOptions } from "../../scripts/outlook-addin.js";

export const BASE_URL = "https://guard.cnparty.org.uk/outlook/";

/** Builds into a fresh temp folder and returns it with the build's options. */
export async function buildAddin(extra: Partial<OutlookBuildOptions> = {}): Promise<OutlookBuildOptions> {
  const options = {
    baseUrl: BASE_URL,
    out: mkdtempSync(join(tmpdir(), "guard-outlook-")),
    version: "0.1.0",
    ...extra,
  };
  await buildOutlook(options);
  return options;
}

/** A built file's text. */
export const builtText = (o: OutlookBuildOptions, file: string): string =>
  readFileSync(join(o.out, file), "utf8");
