// Encrypted mail and files (PGP/MIME, S/MIME, .gpg/.asc/.p7m) cannot be read, so they are never
// taken for clean: uninspectable with reason ENCRYPTED. Signed mail stays readable and is judged.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, toCsv, wardBudget, writeEml, writeXlsx } from "../../fixtures/gen/index.js";
import { guardJson } from "../helpers/cli.js";
import {
  type CryptoKit,
  haveCryptoTools,
  KEY_OWNER,
  makeCryptoKit,
  pgpMimeMessage,
  pgpSignedMessage,
  smimeMessage,
} from "../helpers/crypto-files.js";
import { COLLEAGUES, contactRows, draftWith, OUTSIDE, rulesOf } from "../helpers/drafts.js";

interface JsonAttachment {
  filename: string;
  type: string;
  status: string;
  reason?: string;
}

const voters = toCsv(contactRows(40));
const budget = writeXlsx(wardBudget(createRng("encrypted")), { sheetName: "Budget" });

/** The message inside the encryption or signature: a text and one attachment. */
const entity = (filename: string, content: Buffer) =>
  writeEml({
    from: KEY_OWNER,
    to: OUTSIDE,
    subject: "Figures",
    date: "Tue, 13 May 2008 16:42:07 +0100",
    messageId: `inner.${filename}@cnparty.org.uk`,
    text: "Please find attached.\n",
    attachments: [{ filename, content }],
  });

const check = (message: Uint8Array) => guardJson(["check", "-"], message);
const reasons = (json: { attachments: JsonAttachment[] }) =>
  json.attachments.map((a) => [a.filename, a.type, a.status, a.reason]);

describe.skipIf(!haveCryptoTools())("encrypted and signed mail made by gpg and openssl", () => {
  let kit: CryptoKit;
  beforeAll(() => {
    kit = makeCryptoKit();
  }, 120_000);
  afterAll(() => kit?.dispose());

  it("blocks a PGP/MIME draft to an outside address as ENCRYPTED", async () => {
    const { code, json } = await check(pgpMimeMessage(kit, entity("ward-budget.xlsx", budget), OUTSIDE[0]));
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["uninspectable-to-external"]);
    expect(reasons(json)).toEqual([
      ["attachment-1.pgp", "encrypted", "uninspectable", "ENCRYPTED"],
      ["encrypted.asc", "encrypted", "uninspectable", "ENCRYPTED"],
    ]);
  });

  it("warns about a PGP/MIME draft to colleagues only", async () => {
    const { code, json } = await check(
      pgpMimeMessage(kit, entity("ward-budget.xlsx", budget), COLLEAGUES[0]),
    );
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["uninspectable-internal"]);
  });

  it("blocks an S/MIME enveloped draft (openssl smime -encrypt) to an outside address", async () => {
    const { code, json } = await check(
      smimeMessage(kit, entity("ward-budget.xlsx", budget), OUTSIDE[0], "encrypt"),
    );
    expect(code).toBe(2);
    expect(reasons(json)).toEqual([["smime.p7m", "encrypted", "uninspectable", "ENCRYPTED"]]);
  });

  it("blocks an opaque-signed S/MIME draft, whose content guard does not unpack", async () => {
    const { code, json } = await check(
      smimeMessage(kit, entity("ward-budget.xlsx", budget), OUTSIDE[0], "sign-opaque"),
    );
    expect(code).toBe(2);
    expect(reasons(json)).toEqual([["smime.p7m", "encrypted", "uninspectable", "ENCRYPTED"]]);
  });

  it("reads a clear-signed S/MIME draft: a harmless budget passes, its signature skipped", async () => {
    const { code, json } = await check(
      smimeMessage(kit, entity("ward-budget.xlsx", budget), OUTSIDE[0], "sign"),
    );
    expect(code).toBe(0);
    expect(reasons(json)).toEqual([
      ["ward-budget.xlsx", "xlsx", "inspected", undefined],
      ["smime.p7s", "signature", "skipped", undefined],
    ]);
  });

  it("reads a clear-signed S/MIME draft: a voter list in it blocks as personal data", async () => {
    const { code, json } = await check(smimeMessage(kit, entity("voters.csv", voters), OUTSIDE[0], "sign"));
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["personal-data-to-external"]);
  });

  it("reads a clear-signed PGP/MIME draft: harmless passes, a voter list blocks as personal data", async () => {
    const harmless = await check(pgpSignedMessage(kit, entity("ward-budget.xlsx", budget), OUTSIDE[0]));
    expect(harmless.code).toBe(0);
    expect(reasons(harmless.json)).toContainEqual(["signature.asc", "signature", "skipped", undefined]);
    const list = await check(pgpSignedMessage(kit, entity("voters.csv", voters), OUTSIDE[0]));
    expect(list.code).toBe(2);
    expect(rulesOf(list.json)).toEqual(["personal-data-to-external"]);
  });

  it.each([
    ["voters.csv.gpg", () => kit.gpg(["-e", "-r", KEY_OWNER], voters)],
    ["voters.asc", () => kit.gpg(["-a", "-e", "-r", KEY_OWNER], voters)],
    ["voters.pgp", () => kit.gpg(["--passphrase", "x", "--pinentry-mode", "loopback", "-c"], voters)],
    [
      "voters.p7m",
      () => kit.openssl(["cms", "-encrypt", "-outform", "DER", "-in", "{in}", kit.cert], voters),
    ],
    // The name hides nothing: the bytes say it is encrypted.
    ["voters.csv", () => kit.gpg(["-a", "-e", "-r", KEY_OWNER], voters)],
  ])("blocks an encrypted attachment %s to an outside address", async (filename, make) => {
    const { code, json } = await check(draftWith([{ filename, content: make() }]));
    expect(code).toBe(2);
    expect(reasons(json)).toEqual([[filename, "encrypted", "uninspectable", "ENCRYPTED"]]);
  });

  it("scans an encrypted file as uninspectable (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-scan-enc-"));
    try {
      writeFileSync(join(dir, "voters.csv.gpg"), kit.gpg(["-e", "-r", KEY_OWNER], voters));
      const { code, json } = await guardJson(["scan", join(dir, "voters.csv.gpg")]);
      expect(code).toBe(2);
      expect(JSON.stringify(json)).toContain('"ENCRYPTED"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a signed mail whose signature also embeds the signed text (M2Crypto, flanker's corpus)", () => {
  it("is read: the smime.p7s part is a signature by its MIME type, skipped, not uninspectable", async () => {
    const file = join(import.meta.dirname, "../../../shared/corpus/mail/flanker/signed.eml");
    const { code, json } = await guardJson(["check", file]);
    expect(code).toBe(0);
    const p7s = json.attachments.find((a: { filename: string }) => a.filename === "smime.p7s");
    expect(p7s).toMatchObject({ type: "signature", status: "skipped" });
  });
});
