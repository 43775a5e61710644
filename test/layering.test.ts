import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// STYLE.md, "The shape of guard": data flows one way, Draft -> Attachment -> Table -> Column ->
// Tag -> Finding -> Verdict, and only src/node and src/cli touch the platform. This reads the
// import lines of src/, as a reviewer would, and holds every folder to the table below.
const SRC = join(ROOT, "src");

/**
 * Which folder (or core.ts) may import which, besides itself. Read a row as "FROM may import".
 *
 * | from        | may import                                                      | why                                              |
 * | ----------- | --------------------------------------------------------------- | ------------------------------------------------ |
 * | model       | (nothing but model)                                             | the types that flow through; no logic            |
 * | validators  | model                                                           | named pure checks                                |
 * | ruleset     | model, validators                                               | compiles YAML; refers to validators by name      |
 * | parse       | model                                                           | bytes -> tables; knows nothing downstream        |
 * | classify    | model, validators, ruleset                                      | tables -> tagged columns by the compiled rules   |
 * | policy      | model, classify                                                 | tags + recipients -> findings -> verdict         |
 * | report      | model, classify, policy                                         | verdict -> strings; writes nothing               |
 * | register    | model, validators                                               | exact data match: normalise, key, hash look-ups  |
 * | core        | model, validators, ruleset, parse, classify, policy, register   | the one pure entry point (src/core.ts)           |
 * | portable    | model, validators, ruleset, parse, classify, policy, core       | hosts without Node: fflate platform, engine      |
 * | app         | the pure ones (model ... core, register)                        | use cases; the platform is handed in             |
 * | node        | the pure ones, portable                                         | platform services; never a use case or argv      |
 * | outlook     | the pure ones, portable                                         | the Outlook add-in's handler: Office -> Draft -> verdict -> event.completed; no node:* |
 * | thunderbird | the pure ones, portable                                         | the Thunderbird add-on: an edge like node/, its platform the MailExtension API |
 * | browser     | the pure ones, portable, app                                    | the core as one script (dist/guard-core.js)      |
 * | page        | model, app, browser (types only: the page calls the bundle's `guard` global) | the offline page's DOM code |
 * | cli         | everything                                                      | argv -> options -> app -> exit code              |
 *
 * "The pure ones" are PURE below: model, validators, ruleset, parse, classify, policy, report,
 * core and register.
 */
const PURE = [
  "model",
  "validators",
  "ruleset",
  "parse",
  "classify",
  "policy",
  "report",
  "core",
  "register",
] as const;
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  validators: ["model"],
  ruleset: ["model", "validators"],
  parse: ["model"],
  classify: ["model", "validators", "ruleset"],
  policy: ["model", "classify"],
  report: ["model", "classify", "policy"],
  register: ["model", "validators"],
  core: ["model", "validators", "ruleset", "parse", "classify", "policy", "register"],
  portable: ["model", "validators", "ruleset", "parse", "classify", "policy", "core"],
  app: PURE,
  node: [...PURE, "portable"],
  outlook: [...PURE, "portable"],
  thunderbird: [...PURE, "portable"],
  browser: [...PURE, "portable", "app"],
  page: ["model", "app", "browser"],
  cli: [...PURE, "app", "node", "portable"],
};
/** Only these touch files, the environment and processes. */
const EDGES = ["node", "cli"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The folder a file belongs to: src/core.ts is `core`, anything else is its first folder. */
function layerOf(path: string): string {
  const [first] = relative(SRC, path).split("/");
  return first.replace(/\.[jt]s$/, "");
}

/** Every module a file imports: static, side-effect, `export ... from` and lazy `import("...")`. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const found = [
    ...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms),
    ...text.matchAll(/^import\s+"([^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ];
  return found.map((m) => m[1]);
}

const all = sources(SRC);
const core = all.filter((path) => !EDGES.includes(layerOf(path)));
const named = (paths: string[]) => paths.map((path) => [relative(ROOT, path), path]);

describe("the import table of STYLE.md", () => {
  it("knows every folder of src/", () => {
    expect([...new Set(all.map(layerOf))].filter((layer) => !(layer in MAY_IMPORT))).toEqual([]);
  });

  it.each(named(all))("%s imports only what its folder may", (_name, path) => {
    const from = layerOf(path);
    const allowed = new Set([from, ...(MAY_IMPORT[from] ?? [])]);
    const local = importsOf(path)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => resolve(dirname(path), spec));
    const outside = local.filter((target) => relative(SRC, target).startsWith(".."));
    const forbidden = local.filter((target) => !allowed.has(layerOf(target))).map((t) => relative(SRC, t));
    expect({ outside, forbidden }).toEqual({ outside: [], forbidden: [] });
  });
});

describe("the pure core", () => {
  it("has files to check", () => {
    expect(core.length).toBeGreaterThan(20);
  });

  it.each(named(core))("%s imports no node: module", (_name, path) => {
    expect(importsOf(path).filter((spec) => spec.startsWith("node:"))).toEqual([]);
  });

  it.each(named(core))("%s touches neither process nor Buffer", (_name, path) => {
    const code = readFileSync(path, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
    expect(code).not.toMatch(/\bprocess\.|\bBuffer\./);
  });
});
