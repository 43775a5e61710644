import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// The README is a newcomer's way in: short, install first, the long reference in docs/ (issue 18).
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const docs = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md"));
const pages = ["README.md", "BENCHMARKS.md", ...docs.map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Every `[text](target)` link of a Markdown page that is not a web address. */
function localLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
}

describe("README and docs/", () => {
  it("the README stays under 12 KB", () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(12 * 1024);
  });

  it("the README's first commands install and test, then say how to get guard on PATH", () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? "";
    expect(firstBlock).toMatch(/^npm ci\b.*install/m);
    expect(firstBlock).toMatch(/^npm test\b.*test/m);
    const second = readme.split("```sh")[2] ?? "";
    expect(second).toContain("npm install -g");
    expect(second).toContain("npm pack");
  });

  it("links every reference page, the contract included", () => {
    for (const page of ["policy", "detectors", "scan-ci", "hooks", "limits", "design", "contract"]) {
      expect(docs).toContain(`${page}.md`);
      expect(readme).toContain(`(docs/${page}.md)`);
    }
  });

  it("every local link and anchor resolves", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of localLinks(readFileSync(join(ROOT, page), "utf8"))) {
        const [file, anchor] = link.split("#");
        const target = file ? resolve(ROOT, dirname(page), file) : join(ROOT, page);
        if (!existsSync(target)) broken.push(`${page}: ${link}`);
        else if (anchor && target.endsWith(".md")) {
          const headings = readFileSync(target, "utf8").match(/^#+ .*$/gm) ?? [];
          if (!headings.some((h) => anchorOf(h.replace(/^#+ /, "")) === anchor))
            broken.push(`${page}: ${link}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("no page points at ../shared, which a clone does not have", () => {
    for (const page of pages) expect(readFileSync(join(ROOT, page), "utf8")).not.toContain("../shared");
  });

  it("docs/contract.md holds the outside contract word for word, plus marked notes where guard extends it", () => {
    const copy = readFileSync(join(ROOT, "docs/contract.md"), "utf8");
    for (const section of [
      "## Commands",
      "## Exit codes",
      "## `--format json`",
      "## Tags",
      "## The embedded default policy",
    ]) {
      expect(copy).toContain(section);
    }
    // Beside the shared folder (the project's own checkout) the copy must equal the original once
    // the project's notes, each set between guard-note markers, are taken out.
    const notes = /\n<!-- guard-note: begin[^\n]*-->\n[\s\S]*?\n<!-- guard-note: end -->\n/g;
    expect(copy.match(notes)?.length).toBe(2);
    const shared = join(ROOT, "..", "shared", "CONTRACT.md");
    if (existsSync(shared)) expect(copy.replace(notes, "")).toBe(readFileSync(shared, "utf8"));
  });

  it("the CI recipes name this release's tag, and the Action example only inputs action.yml has", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const page = readFileSync(join(ROOT, "docs/scan-ci.md"), "utf8");
    const tags = [...page.matchAll(/\bv\d+\.\d+\.\d+\b/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tags)).toEqual(new Set([`v${version}`]));
    const action = readFileSync(join(ROOT, "action.yml"), "utf8");
    const inputs = action.slice(action.indexOf("inputs:"), action.indexOf("outputs:"));
    const example = page.slice(page.indexOf("uses: your-org/guard@"));
    const withKeys = [...example.slice(0, example.indexOf("```")).matchAll(/^ {10}#? ?([a-z-]+):/gm)].map(
      (m) => m[1],
    );
    expect(withKeys).toEqual(expect.arrayContaining(["paths", "fail-on", "policy"]));
    for (const key of withKeys) expect(inputs).toMatch(new RegExp(`^  ${key}:`, "m"));
  });
});
