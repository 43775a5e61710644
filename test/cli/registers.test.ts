// Issue 19: exact data match. A register of people (keyed hashes only) recognises them in a draft
// whatever the layout: headerless, other headers, other name order, free text.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTablePdf } from "../../fixtures/gen/documents.js";
import { writeEml } from "../../fixtures/gen/eml.js";
import { createRng } from "../../fixtures/gen/index.js";
import { buildRegister } from "../../src/app/build-register.js";
import { registerHasher } from "../../src/node/register-keys.js";
import { buildRegisterFile } from "../../src/register/build-register-file.js";
import { normaliseName, normalisePhone, normalisePostcode } from "../../src/register/normalise-fields.js";
import { decodeRegister, registerHeader } from "../../src/register/register-file.js";
import { guard, quietHost } from "../helpers/cli.js";
import { rulesOf, SENDER } from "../helpers/drafts.js";

const FORENAMES = [
  "Jane",
  "Amir",
  "Siobhan",
  "Tomasz",
  "Grace",
  "Oliver",
  "Priya",
  "Kwame",
  "Eleanor",
  "Hamish",
  "Ffion",
  "Rhys",
];
const SURNAMES = [
  "Smith",
  "Khan",
  "O'Brien",
  "Nowak",
  "Taylor",
  "Evans",
  "Patel",
  "Mensah",
  "Hughes",
  "Byrne",
  "Shah",
  "Walsh",
];

interface Person {
  forename: string;
  surname: string;
  postcode: string;
  phone: string;
  email: string;
}

/** 300 people, the same on every run. */
function people(): Person[] {
  const rng = createRng("register");
  return Array.from({ length: 300 }, (_, i) => {
    const forename = rng.pick(FORENAMES);
    const surname = rng.pick(SURNAMES);
    return {
      forename,
      surname,
      postcode: `CW${1 + (i % 12)} ${1 + (i % 9)}${rng.pick(["AA", "BD", "EX", "HJ"])}`,
      phone: `07700 9${String(i).padStart(5, "0")}`,
      email: `${forename.toLowerCase()}.${i}@example.org`,
    };
  });
}

const roll = people();
let dir: string;
const at = (name: string) => join(dir, name);
const run = (args: string[], input?: string | Uint8Array) => guard(args, input, {}, dir);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "guard-register-"));
  const csv = roll.map(
    (p, i) => `${p.forename},${p.surname},${i} Mill Lane,${p.postcode},${p.phone},${p.email}`,
  );
  writeFileSync(at("roll.csv"), `Forename,Surname,Address,Postcode,Telephone,Email\n${csv.join("\n")}\n`);
  // The same people exported by another system: other headers, other order, one name column.
  const other = roll.map((p) => `"${p.surname}, ${p.forename}",${p.email},${p.postcode.replace(" ", "")}`);
  writeFileSync(at("members.csv"), `Full name,E-mail address,Post code\n${other.join("\n")}\n`);
  expect((await run(["register", "key", "--out", "roll.key"])).code).toBe(0);
  expect(
    (
      await run([
        "register",
        "build",
        "roll.csv",
        "--name",
        "electoral-roll",
        "--key",
        "roll.key",
        "--out",
        "roll.guardreg",
      ])
    ).code,
  ).toBe(0);
  expect(
    (
      await run([
        "register",
        "build",
        "members.csv",
        "--name",
        "members",
        "--key",
        "roll.key",
        "--out",
        "members.guardreg",
      ])
    ).code,
  ).toBe(0);
  writeFileSync(at("policy.yaml"), "registers:\n  - path: roll.guardreg\n    key: roll.key\n");
  writeFileSync(at("members.yaml"), "registers:\n  - path: members.guardreg\n    key: roll.key\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 40 of the people with no header and nothing a detector would call a column of people. */
const headerless = () =>
  roll
    .slice(0, 40)
    .map((p) => `${p.surname.toUpperCase()} ${p.forename};${p.postcode.toLowerCase().replace(" ", "")};ok`)
    .join("\n");

const draft = (attachments: { filename: string; content: Buffer }[], text = "Figures attached.\n") =>
  writeEml({
    from: SENDER,
    to: ["desk@radio-news.example"],
    subject: "List",
    date: "Tue, 13 May 2008 16:42:07 +0100",
    messageId: "r@x",
    text,
    attachments,
  });

describe("guard register", () => {
  it("writes the key readable by its owner only, and never overwrites it", async () => {
    expect(statSync(at("roll.key")).mode & 0o777).toBe(0o600);
    const again = await run(["register", "key", "--out", "roll.key"]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("never overwritten");
  });

  it("stores no value of the register, only hashes", () => {
    const text = readFileSync(at("roll.guardreg"), "utf8");
    for (const p of roll)
      for (const value of [
        p.surname,
        p.email,
        p.phone,
        p.phone.replace(" ", ""),
        p.postcode.replace(" ", ""),
      ])
        expect(text.includes(value)).toBe(false);
    expect(text.startsWith("guard-register/2\n")).toBe(true);
    expect(registerHeader(readFileSync(at("roll.guardreg")))).toMatchObject({
      ok: true,
      value: { name: "electoral-roll", people: 300 },
    });
  });
});

describe("a draft carrying people of a register", () => {
  it("is blocked as register-match when headerless, name order and case changed", async () => {
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout);
    expect(rulesOf(json)).toContain("register-match");
    const found = json.findings.find((f: { rule: string }) => f.rule === "register-match");
    expect(found.message).toBe(
      '40 people of the register "electoral-roll" would go to 1 external recipient.',
    );
  });

  it("is counted on rows spread over a large table, and said to be an estimate", async () => {
    const eml = draft([{ filename: "roll.csv", content: readFileSync(at("roll.csv")) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    const found = JSON.parse(result.stdout).findings.find(
      (f: { rule: string }) => f.rule === "register-match",
    );
    expect(found.message).toBe(
      'About 300 people of the register "electoral-roll" would go to 1 external recipient.',
    );
  });

  it("is counted on the rows looked up when they are partly its people (a mixed table)", async () => {
    // The 300 people, each followed by a stranger: half the rows, though every other row is a stranger.
    const rows = roll.flatMap((p, i) => [
      `${p.forename},${p.surname},${p.postcode},${p.phone}`,
      `Zed${"abcdefghij"[i % 10]},Stranger${"klmnopqrst"[i % 10]},M1 1AE,07700 8${String(i).padStart(5, "0")}`,
    ]);
    const csv = `Forename,Surname,Postcode,Telephone\n${rows.join("\n")}\n`;
    const eml = draft([{ filename: "mixed.csv", content: Buffer.from(csv) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    const found = JSON.parse(result.stdout).findings.find(
      (f: { rule: string }) => f.rule === "register-match",
    );
    expect(found.message).toBe(
      'About 300 people of the register "electoral-roll" would go to 1 external recipient.',
    );
  });

  it("is recognised by a register built from another export of the same people", async () => {
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    const result = await run(["check", "-", "--policy", "members.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(result.stdout))).toContain("register-match");
  });

  it("is recognised in a sheet laid out sideways (fields down column A, a person a column)", async () => {
    const some = roll.slice(0, 30);
    const sideways = [
      ["Name", ...some.map((p) => `${p.forename} ${p.surname}`)],
      ["Postcode", ...some.map((p) => p.postcode)],
      ["Address", ...some.map((_, i) => `${i} Mill Lane`)],
      ["Canvassed", ...some.map(() => "yes")],
      ["Email", ...some.map((_, i) => `someone.${i}@elsewhere.example`)],
    ].map((row) => row.join(","));
    const eml = draft([{ filename: "turned.csv", content: Buffer.from(`${sideways.join("\n")}\n`) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    const found = JSON.parse(result.stdout).findings.find(
      (f: { rule: string }) => f.rule === "register-match",
    );
    expect(found?.message).toContain("30 people");
  });

  it("is recognised in the message's own text, a line a person", async () => {
    const lines = roll
      .slice(0, 12)
      .map((p, i) => `Please ring ${p.forename} ${p.surname} at ${i} Mill Lane, ${p.postcode} tonight.`);
    const eml = draft([], `Hi all,\n\n${lines.join("\n")}\n`);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    const found = JSON.parse(result.stdout).findings.find(
      (f: { rule: string }) => f.rule === "register-match",
    );
    expect(found).toMatchObject({ attachment: "(body)", message: expect.stringContaining("12 people") });
  });

  it("is not a match for people who are not in the register", async () => {
    const strangers = Array.from(
      { length: 40 },
      (_, i) => `ZED Person${"abcdefghij"[i % 10]};m1${i % 9}aa;ok`,
    ).join("\n");
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(strangers) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(result.stdout))).not.toContain("register-match");
  });

  it("does nothing without its key, and says so", async () => {
    writeFileSync(at("wrong.key"), `${"ab".repeat(32)}\n`);
    writeFileSync(at("wrong.yaml"), "registers:\n  - path: roll.guardreg\n    key: wrong.key\n");
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    const result = await run(["check", "-", "--policy", "wrong.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(result.stdout))).not.toContain("register-match");
    expect(result.stderr).toContain(
      "register roll.guardreg not used: the key wrong.key is not the one it was built with",
    );
  });
});

describe("building a register from large and damaged files", () => {
  it("keeps every person of a file past the classifier's sample bound (1,200,000 cells)", async () => {
    // 2,000 people with 597 filler columns each: past the 1,048,576 cells a check's sample holds.
    const filler = Array.from({ length: 597 }, (_, i) => `c${i}`);
    const lines = [["Name", "Postcode", "Telephone", ...filler].join(",")];
    for (let i = 0; i < 2000; i++)
      lines.push(
        [
          `Person${"abcdefghij"[i % 10]} Number${i}`,
          "CW1 1AA",
          `07700 9${String(i).padStart(5, "0")}`,
          ...filler.map(() => "x"),
        ].join(","),
      );
    writeFileSync(at("wide.csv"), `${lines.join("\n")}\n`);
    const built = await run([
      "register",
      "build",
      "wide.csv",
      "--name",
      "wide",
      "--key",
      "roll.key",
      "--out",
      "wide.guardreg",
    ]);
    expect(built.code).toBe(0);
    expect(registerHeader(readFileSync(at("wide.guardreg")))).toMatchObject({ value: { people: 2000 } });
  });

  it("refuses a file it cannot read whole, saying why, rather than build a register lacking people", async () => {
    writeFileSync(at("broken.xlsx"), "PK\x03\x04 not a workbook");
    const built = await run([
      "register",
      "build",
      "broken.xlsx",
      "--name",
      "b",
      "--key",
      "roll.key",
      "--out",
      "broken.guardreg",
    ]);
    expect(built.code).toBe(3);
    expect(built.stderr).toContain("broken.xlsx");
    expect(built.stderr).toContain("a register is built from whole files only");
  });
});

/** How many hashes a register file holds. */
function decodedCount(bytes: Buffer): number {
  const file = decodeRegister(bytes);
  if (!file.ok) throw new Error(file.error);
  return file.value.hashes.high.length;
}

describe("register files", () => {
  /** Builds `file` with `workers` hashing threads besides this one, through the app as the CLI does. */
  const buildWith = async (file: string, out: string, workers: number) => {
    const host = {
      ...quietHost(dir),
      registerHasher: (path: string) => registerHasher(join(dir, path), path, workers),
    };
    const built = await buildRegister(
      [file],
      { name: "big", fields: "name,postcode,phone", key: "roll.key", out },
      host,
    );
    expect(built.exitCode).toBe(0);
    return readFileSync(at(out));
  };

  it("are the same bytes for the same files and key, however many threads hashed them", async () => {
    // 12,000 people: several batches, so threads and this one each hash some, in any order.
    const lines = Array.from(
      { length: 12_000 },
      (_, i) =>
        `Person${"abcdefghij"[i % 10]} Number${i},CW${1 + (i % 9)} 1AA,07700 9${String(i).padStart(5, "0")}`,
    );
    writeFileSync(at("big.csv"), `Name,Postcode,Telephone\n${lines.join("\n")}\n`);
    const here = await buildWith("big.csv", "big-0.guardreg", 0);
    expect((await buildWith("big.csv", "big-2.guardreg", 2)).equals(here)).toBe(true);
    expect((await buildWith("big.csv", "big-2b.guardreg", 2)).equals(here)).toBe(true);
    expect(registerHeader(here)).toMatchObject({ value: { people: 12_000 } });
  });

  it("of the first format (one JSON object, hashes in base64) are still read", async () => {
    const file = decodeRegister(readFileSync(at("roll.guardreg")));
    if (!file.ok) throw new Error(file.error);
    const { high, low } = file.value.hashes;
    const bytes = Buffer.alloc(high.length * 8);
    high.forEach((h, i) => {
      bytes.writeUInt32BE(h, i * 8);
      bytes.writeUInt32BE(low[i], i * 8 + 4);
    });
    const first = { format: "guard-register/1", ...file.value.header, hashes: bytes.toString("base64") };
    writeFileSync(at("first.guardreg"), JSON.stringify(first));
    writeFileSync(at("first.yaml"), "registers:\n  - path: first.guardreg\n    key: roll.key\n");
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    const result = await run(["check", "-", "--policy", "first.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(result.stdout))).toContain("register-match");
    expect(result.stderr).toBe("");
  });

  it("that are newer, damaged or not registers are not used, and guard says why", async () => {
    const good = readFileSync(at("roll.guardreg"));
    writeFileSync(at("newer.guardreg"), "guard-register/3\n{}\n");
    writeFileSync(at("cut.guardreg"), good.subarray(0, good.length - 4));
    // The first hash made the largest: the hashes no longer rise, and look-ups would miss.
    const swapped = Buffer.from(good);
    const count = decodedCount(good);
    swapped.writeUInt32LE(0xffffffff, good.length - count * 8);
    writeFileSync(at("unsorted.guardreg"), swapped);
    writeFileSync(at("other.guardreg"), "name,postcode\n");
    const said = {
      "newer.guardreg": "it was written by a newer guard",
      "cut.guardreg": "it is damaged",
      "unsorted.guardreg": "it is damaged",
      "other.guardreg": "it is not a guard register file",
    };
    for (const [file, reason] of Object.entries(said)) {
      writeFileSync(at("bad.yaml"), `registers:\n  - path: ${file}\n    key: roll.key\n`);
      const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
      const result = await run(["check", "-", "--policy", "bad.yaml", "--format", "json"], eml);
      expect(result.stderr).toContain(`register ${file} not used: ${reason}`);
    }
  });
});

describe("rotating a register's key", () => {
  it("rebuilds the register from its files with the new key; the old key then says it is not the one", async () => {
    const copy = at("rotated.guardreg");
    writeFileSync(copy, readFileSync(at("roll.guardreg")));
    expect((await run(["register", "key", "--out", "new.key"])).code).toBe(0);
    const rotated = await run(["register", "rotate", "rotated.guardreg", "--key", "new.key"]);
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toContain('register "electoral-roll": 300 people rebuilt with the key new.key');
    expect(readFileSync(copy).equals(readFileSync(at("roll.guardreg")))).toBe(false);
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    writeFileSync(at("new.yaml"), "registers:\n  - path: rotated.guardreg\n    key: new.key\n");
    const withNew = await run(["check", "-", "--policy", "new.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(withNew.stdout))).toContain("register-match");
    writeFileSync(at("old.yaml"), "registers:\n  - path: rotated.guardreg\n    key: roll.key\n");
    const withOld = await run(["check", "-", "--policy", "old.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(withOld.stdout))).not.toContain("register-match");
    expect(withOld.stderr).toContain("the key roll.key is not the one it was built with");
  });

  it("is also `guard register key rotate`, the name the issue gives it", async () => {
    const copy = at("rotated-2.guardreg");
    writeFileSync(copy, readFileSync(at("roll.guardreg")));
    expect((await run(["register", "key", "--out", "new-2.key"])).code).toBe(0);
    const rotated = await run(["register", "key", "rotate", "rotated-2.guardreg", "--key", "new-2.key"]);
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toContain('register "electoral-roll": 300 people rebuilt with the key new-2.key');
    writeFileSync(at("new-2.yaml"), "registers:\n  - path: rotated-2.guardreg\n    key: new-2.key\n");
    const eml = draft([{ filename: "calls.csv", content: Buffer.from(headerless()) }]);
    const checked = await run(["check", "-", "--policy", "new-2.yaml", "--format", "json"], eml);
    expect(rulesOf(JSON.parse(checked.stdout))).toContain("register-match");
    const noOut = await run(["register", "key"]);
    expect(noOut.code).toBe(3);
    expect(noOut.stderr).toContain("--out");
  });

  it("refuses, naming the file, when a register's source is gone", async () => {
    // A register of the first format (one JSON object) is rotated too.
    const first = { format: "guard-register/1", name: "r", fields: ["name"], people: 1, keyCheck: "0" };
    writeFileSync(at("orphan.guardreg"), JSON.stringify({ ...first, sources: [at("gone.csv")], hashes: "" }));
    const rotated = await run(["register", "rotate", "orphan.guardreg", "--key", "roll.key"]);
    expect(rotated.code).toBe(3);
    expect(rotated.stderr).toContain("orphan.guardreg");
    expect(rotated.stderr).toContain("gone.csv");
    expect(rotated.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe("guard config", () => {
  it("shows the policy's registers: file, key file, thresholds, and never the key itself", async () => {
    writeFileSync(
      at("config.yaml"),
      "registers:\n  - path: roll.guardreg\n    key: roll.key\n    minShare: 0.5\n  - path: gone.guardreg\n    key: roll.key\n",
    );
    const text = await run(["config", "--policy", "config.yaml"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "registers:\n  - path: roll.guardreg\n    key: roll.key\n    minMatches: 3\n    minShare: 0.5\n",
    );
    expect(text.stdout).toContain("# register gone.guardreg not used: cannot read it");
    const json = JSON.parse((await run(["config", "--policy", "config.yaml", "--format", "json"])).stdout);
    expect(json.policy.registers[0]).toEqual({
      path: "roll.guardreg",
      key: "roll.key",
      minMatches: 3,
      minShare: 0.5,
    });
    const key = readFileSync(at("roll.key"), "utf8").trim();
    expect(text.stdout).not.toContain(key);
    expect(JSON.stringify(json)).not.toContain(key);
  });
});

describe("normalising register fields", () => {
  it("gives one form whatever the layout", () => {
    expect(normaliseName("O'BRIEN, Siobhán")).toBe(normaliseName("Mrs Siobhan O'Brien"));
    expect(normalisePostcode("cw1 1aa")).toBe("CW11AA");
    expect(normalisePhone("+44 7700 900123")).toBe(normalisePhone("07700900123"));
  });

  it("never puts a value into a register file (any people)", () => {
    const person = fc.record({
      name: fc.stringMatching(/^[A-Z][a-z]{3,8} [A-Z][a-z]{3,8}$/),
      email: fc.stringMatching(/^[a-z]{4,8}@[a-z]{4,8}\.org$/),
      phone: fc.integer({ min: 0, max: 99_999 }).map((n) => `07700 9${String(n).padStart(5, "0")}`),
      postcode: fc.constantFrom("CW1 1AA", "M1 1AE", "SW1A 1AA", "B33 8TH"),
    });
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 20 }), (list) => {
        let n = 0;
        const file = new TextDecoder().decode(
          buildRegisterFile(
            list,
            { name: "r", fields: ["name", "email", "phone", "postcode"], keyCheck: "k" },
            () => [n++, 0],
          ),
        );
        return list.every(
          (p) =>
            !file.includes(p.email) &&
            !file.includes(p.name.split(" ")[1]) &&
            !file.includes(p.phone.replace(" ", "")),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("a PDF carrying people of a register", () => {
  it("is blocked as register-match: the printed list's rows are looked up like a sheet's", async () => {
    const rows = [
      ["Ref", "Contact", "Area", "Outcome"],
      ...roll
        .slice(0, 40)
        .map((p, i) => [`R${i}`, `${p.surname.toUpperCase()} ${p.forename}`, p.postcode, "ok"]),
    ];
    const eml = draft([{ filename: "call-sheet.pdf", content: writeTablePdf(rows, { columnWidth: 130 }) }]);
    const result = await run(["check", "-", "--policy", "policy.yaml", "--format", "json"], eml);
    expect(result.code).toBe(2);
    const found = JSON.parse(result.stdout).findings.find(
      (f: { rule: string }) => f.rule === "register-match",
    );
    expect(found).toMatchObject({
      attachment: "call-sheet.pdf",
      message: '40 people of the register "electoral-roll" would go to 1 external recipient.',
    });
  });
});
