import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { inspectParsedDraft } from "../../src/core.js";
import type { AttachmentSource } from "../../src/model/attachment.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import type { Platform } from "../../src/model/platform.js";
import { extractZipEntry, listZipEntries } from "../../src/parse/container/zip.js";
import { buildEngine, type EmbeddedRules } from "../../src/portable/build-engine.js";
import { portablePlatform } from "../../src/portable/platform.js";
import { inflateAhead } from "../../src/thunderbird/inflate-ahead.js";
import { ROOT } from "../helpers/cli.js";

// The add-on inflates ZIP members ahead with the runtime's DecompressionStream (Node has it too):
// the core must come to the same verdicts and the same coded failures as with fflate alone.
const EMBEDDED = JSON.parse(readFileSync(join(ROOT, "dist/embedded.json"), "utf8")) as EmbeddedRules;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** fflate, counting the bytes it is asked to inflate. */
function countingFflate(): { platform: Platform; calls: () => number } {
  let calls = 0;
  const platform: Platform = {
    ...portablePlatform,
    inflateRaw: (data, maxBytes, expected) => {
      calls++;
      return portablePlatform.inflateRaw(data, maxBytes, expected);
    },
  };
  return { platform, calls: () => calls };
}

/** Extracts every member of `zip` with `platform`, as the core would with fresh limits. */
function extractAll(zip: Uint8Array, platform: Platform) {
  const listing = listZipEntries(zip);
  if (!listing.ok) throw new Error("not a zip");
  const budget = { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes };
  return listing.entries.map((e) => extractZipEntry(zip, e, { platform, limits: DEFAULT_LIMITS, budget }));
}

/** Sets the uncompressed size every central directory record declares (a ZIP that lies). */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 <= out.length; at++)
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
  return out;
}

describe("inflateAhead", () => {
  it("judges the Crewe & Nantwich workbooks as fflate does, without fflate inflating a byte", async () => {
    const email = await PostalMime.parse(
      readFileSync(join(ROOT, "fixtures/incidents/crewe-nantwich-2008.eml")),
    );
    const attachments: AttachmentSource[] = email.attachments.map((a) => ({
      filename: a.filename ?? "attachment",
      contentType: XLSX,
      bytes: new Uint8Array(a.content as ArrayBuffer),
    }));
    const draft = {
      from: "office@cnparty.org.uk",
      senders: ["office@cnparty.org.uk"],
      subject: "Canvass figures as promised",
      recipients: [{ address: "alex.marsh@radio-news.example", field: "to" as const }],
      attachments,
      bodies: [],
    };
    const fflate = countingFflate();
    const engine = buildEngine(EMBEDDED, fflate.platform);
    const before = await inspectParsedDraft(draft, engine);
    const fflateCalls = fflate.calls();
    expect(fflateCalls).toBeGreaterThan(0);
    const ahead = await inflateAhead(attachments, engine.policy.limits, fflate.platform);
    const after = await inspectParsedDraft(draft, { ...engine, platform: ahead });
    expect(fflate.calls()).toBe(fflateCalls);
    expect(after.action).toBe("block");
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it("stops a member that inflates past its ratio cap as fflate stops it: ZIP_BOMB", async () => {
    // 4 MiB of one byte deflates to a few KiB; declaring 100 bytes gets it past the checks made
    // before inflating, so only the inflater's cap can stop it.
    const liar = declareSize(zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(4 << 20).fill(65) }), 100);
    const expected = extractAll(liar, portablePlatform);
    expect(expected[0]).toMatchObject({ ok: false, issue: { code: "ZIP_BOMB" } });
    const ahead = await inflateAhead(
      [{ filename: "x.xlsx", contentType: XLSX, bytes: liar }],
      DEFAULT_LIMITS,
      portablePlatform,
    );
    expect(extractAll(liar, ahead)).toEqual(expected);
  });

  it("leaves damaged deflate data to fflate, with the same coded failure", async () => {
    const zip = zipSync({ "a.csv": new TextEncoder().encode("Name,Postcode\n".repeat(5000)) });
    const damaged = zip.slice();
    for (let at = 60; at < 90; at++) damaged[at] ^= 0xa5;
    const fflate = countingFflate();
    const ahead = await inflateAhead(
      [{ filename: "a.zip", contentType: "application/zip", bytes: damaged }],
      DEFAULT_LIMITS,
      fflate.platform,
    );
    expect(extractAll(damaged, ahead)).toEqual(extractAll(damaged, portablePlatform));
    expect(fflate.calls()).toBe(1);
  });
});
