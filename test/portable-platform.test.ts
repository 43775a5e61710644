import { deflateRawSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { nodePlatform } from "../src/node/platform.js";
import { portablePlatform } from "../src/portable/platform.js";

const text = new TextEncoder().encode("Name,Email\n".repeat(20_000));

describe("the portable platform (fflate) behaves like node:zlib", () => {
  it("inflates raw DEFLATE and gzip to the same bytes", () => {
    const raw = portablePlatform.inflateRaw(deflateRawSync(text), 10 * text.length);
    const gz = portablePlatform.gunzip(gzipSync(text), 10 * text.length);
    const fromZlib = nodePlatform.inflateRaw(deflateRawSync(text), 10 * text.length);
    const same = (a: typeof raw, b: Uint8Array) => a.ok && Buffer.from(a.bytes).equals(Buffer.from(b));
    expect(same(raw, text)).toBe(true);
    expect(same(gz, text)).toBe(true);
    expect(fromZlib.ok && same(raw, fromZlib.bytes)).toBe(true);
  });

  it("stops a bomb at the cap as too-large, without inflating all of it", () => {
    const bomb = deflateRawSync(new Uint8Array(200 * 1024 * 1024));
    expect(portablePlatform.inflateRaw(bomb, 1024 * 1024)).toEqual({ ok: false, error: "too-large" });
    expect(portablePlatform.gunzip(gzipSync(text), 100)).toEqual({ ok: false, error: "too-large" });
  });

  it("calls damaged data corrupt", () => {
    const bad = new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x13, 0x37]);
    expect(portablePlatform.inflateRaw(bad, 1024)).toEqual({ ok: false, error: "corrupt" });
    expect(portablePlatform.gunzip(bad, 1024)).toEqual({ ok: false, error: "corrupt" });
  });
});
