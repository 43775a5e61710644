// Outlook .msg items written by the [MS-OXMSG] generator (fixtures/gen/msg.ts, on SheetJS's CFB
// writer), damaged ones, and the .msg files other projects keep as test data (../shared/corpus).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compressRtf, writeMsg } from "../../../fixtures/gen/msg.js";
import { openCfb } from "../../../src/parse/legacy/cfb.js";
import { writeCfb } from "../../../src/parse/legacy/write-cfb.js";
import { decompressRtf } from "../../../src/parse/mail/decompress-rtf.js";
import { parseDraft } from "../../../src/parse/mail/parse-draft.js";
import { readRtf } from "../../../src/parse/mail/read-rtf.js";
import { readAttachment } from "../../../src/parse/read-attachment.js";
import { sniffType } from "../../../src/parse/sniff-type.js";
import { testContext } from "../../helpers/read-context.js";

const enc = new TextEncoder();
const csv = (text: string) => enc.encode(text);

const ITEM = {
  from: { name: "Campaign Office", address: "office@cnparty.org.uk" },
  to: [{ name: "Alex Marsh", address: "alex.marsh@radio-news.example" }],
  cc: ["agent@cnparty.org.uk"],
  bcc: ["hidden@example.org"],
  subject: "Canvass figures",
  text: "Hi Alex,\nattached.\n",
  html: "<p>Hi <b>Alex</b></p>",
  attachments: [{ filename: "guests.csv", content: csv("Name,Email\nAnn Lee,ann@example.org\n") }],
  items: [
    {
      from: "x@example.org",
      to: ["y@example.com"],
      subject: "Inner",
      text: "inner body",
      attachments: [{ filename: "inner.csv", content: csv("Name,Email\nBob Ray,bob@example.org\n") }],
    },
  ],
};

async function draftOf(bytes: Uint8Array) {
  const parsed = await parseDraft(bytes);
  if (!parsed.ok) throw new Error(`${parsed.error} ${parsed.detail ?? ""}`);
  return parsed.draft;
}

describe("readMsg through parseDraft", () => {
  it("reads sender, recipients by field, subject, both bodies and a file attached by value", async () => {
    const draft = await draftOf(writeMsg(ITEM));
    expect(draft.from).toBe("office@cnparty.org.uk");
    expect(draft.senders).toEqual(["office@cnparty.org.uk"]);
    expect(draft.subject).toBe("Canvass figures");
    expect(draft.recipients).toEqual([
      { address: "alex.marsh@radio-news.example", field: "to" },
      { address: "agent@cnparty.org.uk", field: "cc" },
      { address: "hidden@example.org", field: "bcc" },
    ]);
    expect(draft.bodies).toEqual([{ plain: "Hi Alex,\r\nattached.\r\n", html: "<p>Hi <b>Alex</b></p>" }]);
    expect(draft.attachments[0]).toMatchObject({ filename: "guests.csv", contentType: "text/csv" });
    expect(new TextDecoder().decode(draft.attachments[0].bytes)).toBe(
      "Name,Email\nAnn Lee,ann@example.org\n",
    );
  });

  it("writes an embedded item out as a .msg of its own, read the same way", async () => {
    const draft = await draftOf(writeMsg(ITEM));
    const inner = draft.attachments[1];
    expect(inner.filename).toBe("Inner.msg");
    expect(sniffType(inner.bytes, "x")).toBe("msg");
    const read = await draftOf(inner.bytes);
    expect(read).toMatchObject({
      from: "x@example.org",
      subject: "Inner",
      bodies: [{ plain: "inner body" }],
    });
    expect(read.recipients).toEqual([{ address: "y@example.com", field: "to" }]);
    expect(read.attachments.map((a) => a.filename)).toEqual(["inner.csv"]);
  });

  it("reads 8-bit strings in the item's code page, as Outlook 97-2002 wrote them", async () => {
    const draft = await draftOf(writeMsg({ ...ITEM, subject: "Résumé", ansiCodePage: 1252, items: [] }));
    expect(draft.subject).toBe("Résumé");
    expect(draft.recipients[0].address).toBe("alex.marsh@radio-news.example");
  });

  it("takes the text from a compressed RTF body when that is all the item has", async () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\pard Name\\cell Phone\\cell\\row Ann \\'e9\\cell 1\\cell\\row}";
    const draft = await draftOf(writeMsg({ to: ["a@example.org"], subject: "s", rtf }));
    expect(draft.bodies).toEqual([{ plain: "Name\tPhone\nAnn é\t1\n" }]);
    expect(draft.from).toBeNull();
  });

  it("takes HTML back out of RTF that encapsulates it (\\fromhtml1)", async () => {
    const rtf =
      "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <table>}\\htmlrtf {\\b x}\\htmlrtf0 {\\*\\htmltag <td>}Ann{\\*\\htmltag </table>}}";
    const draft = await draftOf(writeMsg({ to: ["a@example.org"], subject: "s", rtf }));
    expect(draft.bodies).toEqual([{ html: "<table><td>Ann</table>" }]);
  });

  it("fails a damaged item closed as MALFORMED, and a compound file of another kind as NOT_A_MESSAGE", async () => {
    const bytes = writeMsg(ITEM);
    const cut = await parseDraft(bytes.subarray(0, 2048));
    expect(cut).toMatchObject({ ok: false, error: "MALFORMED" });
    const book = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(book, "WordDocument", csv("x".repeat(600)));
    const doc = new Uint8Array(XLSX.CFB.write(book, { type: "array" }) as number[]);
    expect(await parseDraft(doc)).toMatchObject({ ok: false, error: "NOT_A_MESSAGE" });
  });

  it("never throws on a damaged item, and never reads one as clean: property", async () => {
    const bytes = new Uint8Array(writeMsg(ITEM));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 20 }),
        fc.nat(bytes.length),
        async (flips, length) => {
          const damaged = bytes.slice(0, Math.max(512, length));
          for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value;
          const parsed = await parseDraft(damaged);
          expect(typeof parsed.ok).toBe("boolean");
          const read = await readAttachment(
            { filename: "item.msg", contentType: "", bytes: damaged },
            testContext(),
          );
          expect(["inspected", "uninspectable"]).toContain(read.status);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("compressed RTF", () => {
  it("decompresses [MS-OXRTFCP] 3.1.1.1's example", () => {
    const hex =
      "2d0000002b0000004c5a4675f1c5c7a703000a00726370673132354232 0af32068656c090020627705b06c647d0a800fa0";
    const bytes = Uint8Array.from(
      (hex.replace(/ /g, "").match(/../g) ?? []).map((h) => Number.parseInt(h, 16)),
    );
    const out = decompressRtf(bytes, 1 << 20);
    expect(new TextDecoder("latin1").decode(out)).toBe("{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
  });

  it("round-trips what the generator compresses, dictionary references included", () => {
    const text = "{\\rtf1\\ansi\\pard hello hello hello hello\\par\\par\\par world}";
    const packed = compressRtf(enc.encode(text));
    expect(packed.length).toBeLessThan(text.length + 16);
    expect(new TextDecoder().decode(decompressRtf(packed, 1 << 20))).toBe(text);
  });

  it("reads \\uN characters with their fallback dropped, and skips font tables", () => {
    expect(readRtf(enc.encode("{\\rtf1{\\fonttbl{\\f0 Arial;}}\\uc1 caf\\u233?s \\u8364? 5}"))).toEqual({
      plain: "cafés € 5",
    });
  });
});

describe("writeCfb", () => {
  it("writes what SheetJS's CFB reader and our own read back, mini stream, big streams and storages", () => {
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => i & 0xff);
    const entries = [
      { path: "__substg1.0_0037001F", bytes: csv("small") },
      { path: "a/b/big", bytes: big },
      { path: "a/tiny", bytes: csv("t") },
      ...Array.from({ length: 40 }, (_, i) => ({ path: `s${i}`, bytes: csv(`x${i}`) })),
    ];
    const bytes = writeCfb(entries);
    const ours = openCfb(bytes);
    if (!ours.ok) throw new Error(ours.issue.detail);
    for (const e of entries) expect(ours.cfb.read(e.path, 1 << 20)).toEqual({ ok: true, bytes: e.bytes });
    const theirs = XLSX.CFB.read(bytes, { type: "array" });
    const content = (path: string) =>
      Uint8Array.from(
        theirs.FileIndex[theirs.FullPaths.indexOf(`Root Entry/${path}`)].content as ArrayLike<number>,
      );
    for (const e of entries) expect(content(e.path)).toEqual(e.bytes);
  });
});

const CORPUS = join(import.meta.dirname, "../../../../shared/corpus/documents");

describe("the .msg files of other projects' test data", () => {
  const files = (() => {
    try {
      return readdirSync(CORPUS, { recursive: true, encoding: "utf8" }).filter((f) =>
        f.toLowerCase().endsWith(".msg"),
      );
    } catch {
      return [];
    }
  })();

  it.skipIf(files.length === 0)("reads each without a crash: a draft, or a coded failure", async () => {
    let read = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, file)));
      const parsed = await parseDraft(bytes);
      if (parsed.ok) read++;
      else expect(["MALFORMED", "NOT_A_MESSAGE"]).toContain(parsed.error);
      const attached = await readAttachment({ filename: file, contentType: "", bytes }, testContext());
      expect(["inspected", "uninspectable"]).toContain(attached.status);
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });
});

describe("an Outlook item read on its draft's clock", () => {
  const LIMIT = { name: "maxSecondsPerDraft", value: 20, unit: "seconds" };
  // Many recipients and files, so reading it looks at the clock more than once.
  const many = writeMsg({
    ...ITEM,
    to: Array.from({ length: 300 }, (_, i) => `person${i}@example.org`),
    rtf: "{\\rtf1\\ansi Hello}",
    attachments: Array.from({ length: 40 }, (_, i) => ({
      filename: `f${i}.csv`,
      content: csv("Name\nAnn\n"),
    })),
  });
  /** Time left at the first look, and up at every later one: it ran out while the item was read. */
  const runsOutAfterFirstLook = () => {
    let looks = 0;
    return () => looks++ > 0;
  };

  it("is read whole while time is left", async () => {
    const parsed = await parseDraft(many, () => false);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.draft.recipients.length).toBe(302);
    expect(parsed.draft.attachments.length).toBe(41);
  });

  it("is TIMEOUT, not a draft with half its recipients and files, when time runs out mid-read", async () => {
    expect(await parseDraft(many, runsOutAfterFirstLook())).toEqual({ ok: false, error: "TIMEOUT" });
  });

  it("attached, is uninspectable (TIMEOUT) naming the limit, never read in part", async () => {
    let readings = 0;
    const platform = { ...testContext().platform, now: () => (readings++ < 1 ? 0 : 1e12) };
    const ctx = { ...testContext(), platform, deadline: 1 };
    const read = await readAttachment({ filename: "item.msg", contentType: "", bytes: many }, ctx);
    expect(read).toMatchObject({
      status: "uninspectable",
      reason: { code: "TIMEOUT", path: "", limit: LIMIT },
    });
    expect(read.tables).toEqual([]);
  });
});
