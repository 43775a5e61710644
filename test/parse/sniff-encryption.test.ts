// Files made by the real gpg and openssl, with throwaway keys: encrypted ones are told from their
// bytes whatever their name, and detached signatures are not mistaken for them.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv, writeWorkbook } from "../../fixtures/gen/index.js";
import { sniffEncryption } from "../../src/parse/sniff-encryption.js";
import { sniffType } from "../../src/parse/sniff-type.js";
import { type CryptoKit, haveCryptoTools, KEY_OWNER, makeCryptoKit } from "../helpers/crypto-files.js";
import { contactRows } from "../helpers/drafts.js";

const voters = toCsv(contactRows(20));

describe.skipIf(!haveCryptoTools())("sniffEncryption on files from gpg and openssl", () => {
  let kit: CryptoKit;
  beforeAll(() => {
    kit = makeCryptoKit();
  }, 120_000);
  afterAll(() => kit?.dispose());

  const gpg =
    (...args: string[]) =>
    () =>
      kit.gpg(args, voters);
  // openssl takes its options first, then the recipient certificate.
  const cms = (args: string[], certificate?: string) => () =>
    kit.openssl([...args, "-in", "{in}", ...(certificate ? [certificate] : [])], voters);
  const encrypt = ["-e", "-r", KEY_OWNER];
  const symmetric = ["--passphrase", "canvass2008", "--pinentry-mode", "loopback", "-c"];

  it.each([
    ["gpg --encrypt (binary)", gpg(...encrypt)],
    ["gpg --encrypt --armor", gpg("-a", ...encrypt)],
    ["gpg --symmetric (binary)", gpg(...symmetric)],
    ["gpg --symmetric --armor", gpg("-a", ...symmetric)],
    ["gpg --sign (compressed, opaque)", gpg("-s")],
    ["gpg --sign --compress-algo none", gpg("-s", "--compress-algo", "none")],
    ["gpg --sign --armor", gpg("-a", "-s")],
  ])("%s is encrypted", (_what, make) => {
    expect(sniffEncryption(make())).toBe("encrypted");
  });

  it.each([
    ["gpg --detach-sign (binary)", gpg("-b")],
    ["gpg --detach-sign --armor", gpg("-a", "-b")],
  ])("%s is a signature", (_what, make) => {
    expect(sniffEncryption(make())).toBe("signature");
  });

  it.each([
    ["openssl smime -encrypt, DER", ["smime", "-encrypt", "-aes256", "-outform", "DER"]],
    ["openssl smime -encrypt, PEM", ["smime", "-encrypt", "-aes256", "-outform", "PEM"]],
    ["openssl smime -sign -nodetach (opaque), DER", ["smime", "-sign", "-nodetach", "-outform", "DER"]],
    [
      "openssl cms -encrypt -aes-256-gcm (authEnvelopedData)",
      ["cms", "-encrypt", "-aes-256-gcm", "-outform", "DER"],
    ],
    [
      "openssl cms -encrypt -stream (BER, indefinite lengths)",
      ["cms", "-encrypt", "-stream", "-outform", "DER"],
    ],
    [
      "openssl cms -sign -nodetach -stream (BER)",
      ["cms", "-sign", "-nodetach", "-stream", "-outform", "DER"],
    ],
    [
      "openssl cms -EncryptedData_encrypt",
      [
        "cms",
        "-EncryptedData_encrypt",
        "-aes128",
        "-secretkey",
        "000102030405060708090a0b0c0d0e0f",
        "-outform",
        "DER",
      ],
    ],
  ])("%s is encrypted", (_what, args) => {
    const signing = args.includes("-sign");
    const bytes = signing
      ? cms([...args, "-signer", kit.cert, "-inkey", kit.key])()
      : cms(args, args.includes("-secretkey") ? undefined : kit.cert)();
    expect(sniffEncryption(bytes)).toBe("encrypted");
    expect(sniffType(bytes, "smime.p7m")).toBe("encrypted");
  });

  it.each([
    ["openssl smime -sign (detached, smime.p7s), DER", ["smime", "-sign", "-outform", "DER"]],
    ["openssl cms -sign (detached), DER", ["cms", "-sign", "-outform", "DER"]],
  ])("%s is a signature", (_what, args) => {
    const bytes = cms([...args, "-signer", kit.cert, "-inkey", kit.key])();
    expect(sniffEncryption(bytes)).toBe("signature");
  });

  it("tells an encrypted file by its bytes, whatever its name", () => {
    const bytes = kit.gpg(encrypt, voters);
    for (const name of ["voters.csv", "voters.csv.gpg", "data", "photo.png"]) {
      expect(sniffType(bytes, name)).toBe("encrypted");
    }
  });
});

describe("sniffEncryption on what is not encrypted", () => {
  it.each([
    ["a CSV", voters],
    ["a workbook", writeWorkbook([{ name: "Contacts", rows: contactRows(5) }])],
    [
      "a note quoting armour after its first line",
      new TextEncoder().encode("Here it is:\n-----BEGIN PGP MESSAGE-----\n"),
    ],
    ["a PGP public key", new TextEncoder().encode("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ...\n")],
    ["a lone 0x85 byte and garbage", Uint8Array.of(0x85, 0xff, 0xff, 0x03, 1, 2)],
    ["a DER certificate's opening", Uint8Array.of(0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x01)],
    ["nothing", new Uint8Array(0)],
  ])("%s is neither", (_what, bytes) => {
    expect(sniffEncryption(bytes)).toBeUndefined();
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        sniffEncryption(bytes);
        sniffEncryption(Uint8Array.of(0x30, 0x80, ...bytes));
      }),
    );
  });
});
