// `npm run build` (also run by `npm ci` through `prepare`): bundles the CLI into dist/ with
// esbuild (one file starts faster than hundreds of modules; heavy parsers split into lazy chunks)
// and embeds the validated rules as dist/embedded.json; then builds the core for browsers
// (dist/guard-core.js, one classic script) and the offline page (web/guard.html).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const { version } = JSON.parse(readFileSync("package.json", "utf8"));
rmSync("dist", { recursive: true, force: true });

await build({
  // The SheetJS worker is an entry of its own: a damaged workbook can only exhaust that thread.
  // So is pdf.js's, for the same reason.
  entryPoints: {
    guard: "src/cli/main.ts",
    "sheetjs-worker": "src/node/sheetjs-worker.ts",
    "pdf-worker": "src/node/pdf-worker.ts",
    // guard smtp-filter judges each message in one of these, so a slow one can be stopped.
    "judge-worker": "src/cli/judge-worker.ts",
    // guard register build hashes people in these, on the other cores.
    "register-worker": "src/node/register-worker.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  define: { GUARD_VERSION: JSON.stringify(version) },
  // Bundled CommonJS packages may call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __guardRequire } from 'node:module'; const require = __guardRequire(import.meta.url);",
  },
  logLevel: "warning",
});

await build({
  entryPoints: ["scripts/embed-rules.ts"],
  outfile: "dist/.embed-rules.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  packages: "external",
  logLevel: "warning",
});
execFileSync(process.execPath, ["dist/.embed-rules.mjs", "."], { stdio: "inherit" });
rmSync("dist/.embed-rules.mjs");

await import("./build-browser.mjs").then((m) => m.buildBrowser(version));
