import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { guard, ROOT } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "guard-page-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const built = () => readFileSync(join(ROOT, "web/guard.html"), "utf8");

describe("guard page", () => {
  it("prints the offline check page the build wrote", async () => {
    const run = await guard(["page"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(built());
    expect(run.stdout).toMatch(/^<!doctype html>/);
  });

  it("writes it to --out, saying where", async () => {
    const out = join(tmp, "check.html");
    const run = await guard(["page", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`guard: wrote the offline check page to ${out}\n`);
    expect(readFileSync(out, "utf8")).toBe(built());
  });

  it("fails with exit 3 when it cannot write", async () => {
    const run = await guard(["page", "--out", join(tmp, "no/such/folder/check.html")]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("cannot write");
  });
});
