// `npm run build:thunderbird`: the Thunderbird add-on as dist/guard-thunderbird.xpi. esbuild
// bundles the background and the two pages from src/thunderbird/ as classic scripts (an
// extension page may not load bare module specifiers); the rules `npm run build` validated
// (dist/embedded.json) go in beside them, and fflate zips it all (an .xpi is a ZIP).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { zipSync } from "fflate";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src/thunderbird");

/**
 * Builds the .xpi's bytes. `testFaults` makes the test build, whose core throws on a marked
 * subject (test/thunderbird); the shipped build compiles that branch away.
 */
export async function buildThunderbird({ testFaults = false } = {}) {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const result = await build({
    entryPoints: {
      background: join(SRC, "background.ts"),
      "pages/dialog": join(SRC, "pages/dialog.ts"),
      "pages/options": join(SRC, "pages/options.ts"),
    },
    outdir: "/xpi",
    write: false,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "firefox128",
    define: { GUARD_TEST_FAULTS: String(testFaults), GUARD_VERSION: JSON.stringify(version) },
    logLevel: "warning",
  });
  const manifest = JSON.parse(readFileSync(join(SRC, "manifest.json"), "utf8"));
  manifest.version = version;
  const text = (s) => new TextEncoder().encode(s);
  const files = {
    "manifest.json": text(`${JSON.stringify(manifest, null, 2)}\n`),
    "embedded.json": readFileSync(join(ROOT, "dist/embedded.json")),
  };
  for (const page of ["dialog.html", "options.html", "guard.css"])
    files[`pages/${page}`] = readFileSync(join(SRC, "pages", page));
  for (const out of result.outputFiles) files[out.path.replace(/^\/xpi\//, "")] = out.contents;
  return zipSync(files, { level: 9, mtime: new Date("2026-01-01T00:00:00Z") });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(ROOT, "dist/guard-thunderbird.xpi");
  writeFileSync(out, await buildThunderbird());
  console.log(`wrote ${out}`);
}
