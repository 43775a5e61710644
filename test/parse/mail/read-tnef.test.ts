// Outlook's winmail.dat, built by hand as [MS-OXTNEF] lays it out, so each way a writer may store
// an attachment's name and bytes is exercised.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../../fixtures/gen/index.js";
import { writeTnef } from "../../../fixtures/gen/tnef.js";
import { readTnef } from "../../../src/parse/mail/read-tnef.js";
import { sniffType } from "../../../src/parse/sniff-type.js";
import { guardJson } from "../../helpers/cli.js";
import { contactRows, draftWith, rulesOf } from "../../helpers/drafts.js";
import { concat } from "../container/make-zip.js";

const enc = new TextEncoder();
const u16 = (n: number) => Uint8Array.of(n & 0xff, n >> 8);
const u32 = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
const pad = (b: Uint8Array) => concat([b, new Uint8Array((4 - (b.length % 4)) % 4)]);
const utf16z = (s: string) => new Uint8Array(Buffer.from(`${s}\0`, "utf16le"));

/** One attribute: level, id, length, data, and the checksum (sum of the data bytes). */
function attribute(level: 1 | 2, id: number, data: Uint8Array): Uint8Array {
  const sum = data.reduce((s, b) => (s + b) & 0xffff, 0);
  return concat([Uint8Array.of(level), u32(id), u32(data.length), data, u16(sum)]);
}

/** A MAPI property list: [type, id, value bytes already laid out]. */
function props(list: [number, number, Uint8Array][]): Uint8Array {
  return concat([u32(list.length), ...list.flatMap(([type, id, value]) => [u16(type), u16(id), value])]);
}
/** A single variable-length value: count 1, length, bytes padded to four. */
const variable = (b: Uint8Array) => concat([u32(1), u32(b.length), pad(b)]);

interface Packed {
  title?: string;
  longName?: string;
  data?: Uint8Array;
  dataInProps?: Uint8Array;
}

function tnef(attachments: Packed[], body?: string): Uint8Array {
  const parts = [
    Uint8Array.of(0x78, 0x9f, 0x3e, 0x22),
    u16(0x0001),
    attribute(1, 0x00089006, Uint8Array.of(0, 0, 1, 0)), // attTnefVersion
    attribute(1, 0x00078008, enc.encode("IPM.Microsoft Mail.Note\0")), // attMessageClass
    attribute(1, 0x00018004, enc.encode("Canvass list\0")), // attSubject
  ];
  if (body !== undefined) parts.push(attribute(1, 0x0002800c, enc.encode(body))); // attBody
  for (const a of attachments) {
    parts.push(attribute(2, 0x00069002, Uint8Array.of(1, 0, ...new Array(12).fill(0))));
    if (a.title !== undefined) parts.push(attribute(2, 0x00018010, enc.encode(`${a.title}\0`)));
    if (a.data !== undefined) parts.push(attribute(2, 0x0006800f, a.data));
    const list: [number, number, Uint8Array][] = [
      [0x0003, 0x3705, u32(1)], // PR_ATTACH_METHOD: by value
      // A named property (a GUID, kind 1, a UTF-16 name), which must be stepped over.
      [
        0x000b,
        0x8005,
        concat([new Uint8Array(16), u32(1), u32(8), pad(utf16z("Foo").subarray(0, 8)), u32(1)]),
      ],
      [0x101e, 0x3a00, concat([u32(2), u32(2), pad(enc.encode("a\0")), u32(3), pad(enc.encode("bc\0"))])],
    ];
    if (a.longName !== undefined) list.push([0x001f, 0x3707, variable(utf16z(a.longName))]);
    if (a.dataInProps !== undefined) list.push([0x0102, 0x3701, variable(a.dataInProps)]);
    parts.push(attribute(2, 0x00069005, props(list)));
  }
  return concat(parts);
}

/** A voters list: a header and `n` invented people with their addresses and phones. */
const votersCsv = (n: number) => new Uint8Array(toCsv(contactRows(n, "tnef")));

describe("readTnef", () => {
  it("unpacks attachments, preferring the long file name to the 8.3 title", () => {
    const csv = enc.encode("Name,Email\nJane Smith,jane@example.com\n");
    const out = readTnef(
      tnef([
        { title: "VOTERS~1.CSV", longName: "voters list.csv", data: csv },
        { title: "notes.txt", data: enc.encode("hello") },
        { longName: "in props.csv", dataInProps: csv },
        { title: "no data.csv" },
      ]),
    );
    expect(out).toEqual({
      ok: true,
      members: [
        { name: "voters list.csv", bytes: csv },
        { name: "notes.txt", bytes: enc.encode("hello") },
        { name: "in props.csv", bytes: csv },
      ],
      bodies: [],
    });
  });

  it("reports a stream that is not TNEF or breaks off as CORRUPT, and never throws", () => {
    const whole = tnef([{ title: "a.csv", data: enc.encode("a,b\n1,2\n") }]);
    expect(readTnef(enc.encode("not tnef"))).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
    for (const cut of [7, 20, whole.length - 30]) {
      expect(readTnef(whole.subarray(0, cut))).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (noise, at) => {
        const bytes = whole.slice();
        const offset = 6 + (at % (bytes.length - 6));
        bytes.set(noise.subarray(0, bytes.length - offset), offset);
        readTnef(bytes);
        readTnef(concat([whole.subarray(0, 6), noise]));
      }),
    );
  });

  it("is sniffed by its signature, whatever the file is called", () => {
    const bytes = tnef([{ title: "a.csv", data: enc.encode("a,b\n") }]);
    expect(sniffType(bytes, "winmail.dat")).toBe("tnef");
    expect(sniffType(bytes, "ATT00001.bin")).toBe("tnef");
  });
});

describe("winmail.dat through guard check", () => {
  it("blocks 30 voters packed in an Outlook winmail.dat sent outside, naming the file inside", async () => {
    const content = Buffer.from(
      tnef([{ title: "VOTERS~1.CSV", longName: "voters.csv", data: votersCsv(30) }]),
    );
    const draft = draftWith([{ filename: "winmail.dat", contentType: "application/ms-tnef", content }]);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("personal-data-to-external");
    expect(json.attachments[0]).toMatchObject({ filename: "winmail.dat", type: "tnef", status: "inspected" });
    expect(json.attachments[0].tables[0]).toMatchObject({ name: "voters.csv", rows: 30 });
  });
});

describe("the message's own text inside winmail.dat", () => {
  // A canvass list pasted into the message: Outlook packs the whole message, text too, into TNEF.
  const pasted = contactRows(12, "tnef-body")
    .map((row) => row.join("\t"))
    .join("\n");
  const text = `Hi,\n\nthe list as discussed:\n\n${pasted}\n`;

  it("reads PR_BODY and PR_BODY_HTML from the message's properties", () => {
    const read = readTnef(writeTnef({ subject: "List", text, html: "<p>Hi</p>" }));
    expect(read).toMatchObject({
      ok: true,
      members: [],
      bodies: [{ plain: text.replace(/\n/g, "\r\n"), html: "<p>Hi</p>" }],
    });
  });

  it("reads attBody where a writer gives only that", () => {
    expect(readTnef(tnef([], text))).toMatchObject({ ok: true, bodies: [{ plain: text }] });
  });

  it("blocks the list sent outside, read as the text of winmail.dat beside its files", async () => {
    const content = writeTnef({
      subject: "List",
      text,
      attachments: [{ filename: "notes.txt", content: enc.encode("hello") }],
    });
    const draft = draftWith([{ filename: "winmail.dat", contentType: "application/ms-tnef", content }]);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("personal-data-to-external");
    const tables = json.attachments[0].tables.map((t: { name: string; rows: number }) => [t.name, t.rows]);
    expect(tables).toContainEqual(["(body)#table 1", 12]);
  });
});
