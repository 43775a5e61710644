import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// STYLE.md: only src/node and src/cli touch the platform; the core (parse, classify, policy,
// report, ruleset, validators, model, core.ts) takes bytes and returns values, so it could run in
// a mail client's add-in. This reads the source, as a reviewer would.
const SRC = join(ROOT, "src");
const EDGES = ["node", "cli"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const core = sources(SRC).filter((path) => !EDGES.includes(relative(SRC, path).split("/")[0]));

describe("the pure core", () => {
  it("has files to check", () => {
    expect(core.length).toBeGreaterThan(20);
  });

  it.each(core.map((path) => [relative(ROOT, path), path]))(
    "%s imports no node: module and no edge code",
    (_name, path) => {
      const imports = [...readFileSync(path, "utf8").matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map(
        (m) => m[1],
      );
      expect(imports.filter((spec) => spec.startsWith("node:") || /\/(node|cli)\//.test(spec))).toEqual([]);
    },
  );

  it.each(core.map((path) => [relative(ROOT, path), path]))(
    "%s touches neither process nor Buffer",
    (_name, path) => {
      const code = readFileSync(path, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code).not.toMatch(/\bprocess\.|\bBuffer\./);
    },
  );
});
