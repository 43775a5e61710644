// The browser builds (called by build.mjs once dist/embedded.json exists):
// - dist/guard-core.js: the core as ONE classic script (IIFE, global `guard`): Chromium refuses
//   module scripts from file://, and a mail client's JavaScript-only runtime takes one file. The
//   embedded rules go inside it, since a page opened from disk can fetch nothing.
// - web/guard.html: the offline check page, the core and the page's own script inline.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const common = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  write: false,
  logLevel: "warning",
};

/** The one output file's text; an inline script must never hold `</script`. */
async function bundle(options) {
  const result = await build({ ...common, ...options });
  const text = result.outputFiles[0].text;
  if (/<\/script/i.test(text)) throw new Error(`${options.entryPoints[0]}: output holds "</script"`);
  return text;
}

export async function buildBrowser(version) {
  const embedded = readFileSync("dist/embedded.json", "utf8");
  const core = await bundle({
    entryPoints: ["src/browser/core-bundle.ts"],
    define: { GUARD_VERSION: JSON.stringify(version), GUARD_EMBEDDED: embedded },
    outfile: "dist/guard-core.js",
  });
  writeFileSync("dist/guard-core.js", core);
  const page = await bundle({ entryPoints: ["src/page/page-main.ts"], outfile: "dist/page.js" });
  const template = readFileSync("src/page/guard.html", "utf8");
  // Function replacers: the scripts hold `$` sequences that a string replacement would expand.
  const html = template
    .replaceAll("GUARD_VERSION", version)
    .replace("/*GUARD_CORE*/", () => core)
    .replace("/*GUARD_PAGE*/", () => page);
  mkdirSync("web", { recursive: true });
  writeFileSync("web/guard.html", html);
}
