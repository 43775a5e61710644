// Encrypted and signed files and mail made by the real writers, GnuPG and OpenSSL, with throwaway
// keys generated in a scratch folder for each test file (never the user's keyring).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasProgram } from "../integration/mail-kit.js";

/** Whether both writers are installed (.ci/run installs them; elsewhere their tests are skipped). */
export const haveCryptoTools = (): boolean => hasProgram("gpg") && hasProgram("openssl");

/** The address the throwaway keys belong to. */
export const KEY_OWNER = "agent@cnparty.org.uk";

/** A scratch GnuPG home and an S/MIME certificate, and what gpg and openssl make with them. */
export interface CryptoKit {
  /** Runs gpg in the scratch home on `input`; its standard output. */
  gpg(args: string[], input: Uint8Array | string): Buffer;
  /** Runs openssl with `input` written to in.bin (named by `{in}` in args); its standard output. */
  openssl(args: string[], input: Uint8Array | string): Buffer;
  /** Paths of the S/MIME certificate and its key. */
  cert: string;
  key: string;
  /** Stops the scratch home's gpg-agent and removes the folder. */
  dispose(): void;
}

function run(
  program: string,
  args: string[],
  input: Uint8Array | string,
  env: NodeJS.ProcessEnv = {},
): Buffer {
  const result = spawnSync(program, args, { input, env: { ...process.env, ...env }, timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")}: ${result.stderr?.toString()}`);
  return result.stdout;
}

/** Makes a scratch GnuPG home with a fresh key for KEY_OWNER and a self-signed S/MIME certificate. */
export function makeCryptoKit(): CryptoKit {
  const dir = mkdtempSync(join(tmpdir(), "guard-crypto-"));
  const env = { GNUPGHOME: join(dir, "gnupg") };
  mkdirSync(env.GNUPGHOME, { mode: 0o700 });
  // future-default is ed25519 + cv25519: generated in milliseconds, unlike RSA.
  run(
    "gpg",
    [
      "--batch",
      "--passphrase",
      "",
      "--quick-gen-key",
      `Agent <${KEY_OWNER}>`,
      "future-default",
      "default",
      "never",
    ],
    "",
    env,
  );
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  run(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      `/CN=${KEY_OWNER}`,
    ],
    "",
  );
  return {
    cert,
    key,
    gpg: (args, input) => run("gpg", ["--batch", "--yes", ...args], input, env),
    openssl: (args, input) => {
      const inFile = join(dir, "in.bin");
      writeFileSync(inFile, input);
      return run(
        "openssl",
        args.map((a) => (a === "{in}" ? inFile : a)),
        "",
      );
    },
    dispose: () => {
      spawnSync("gpgconf", ["--kill", "gpg-agent"], { env: { ...process.env, ...env } });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The header block of a message as lines (From, To, Subject...), without its MIME headers. */
const envelope = (from: string, to: string, subject: string): string =>
  [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    "Date: Tue, 13 May 2008 16:42:07 +0100",
    "MIME-Version: 1.0",
  ].join("\r\n");

/**
 * A PGP/MIME encrypted message (RFC 3156 §4) as Thunderbird and mutt write it: the version part and
 * the armoured ciphertext of `entity` (a whole MIME entity) made by gpg for KEY_OWNER.
 */
export function pgpMimeMessage(kit: CryptoKit, entity: Uint8Array, to: string): Buffer {
  const cipher = kit.gpg(["--armor", "--encrypt", "--recipient", KEY_OWNER], entity).toString("latin1");
  const b = "------------enc1Zk0W2x3OvGfQ";
  return Buffer.from(
    `${envelope(KEY_OWNER, to, "...")}\r\n` +
      `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${b}"\r\n\r\n` +
      `This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n--${b}\r\n` +
      "Content-Type: application/pgp-encrypted\r\nContent-Description: PGP/MIME version identification\r\n\r\n" +
      `Version: 1\r\n\r\n--${b}\r\n` +
      'Content-Type: application/octet-stream; name="encrypted.asc"\r\n' +
      "Content-Description: OpenPGP encrypted message\r\n" +
      'Content-Disposition: inline; filename="encrypted.asc"\r\n\r\n' +
      `${cipher.replace(/\r?\n/g, "\r\n")}\r\n--${b}--\r\n`,
    "latin1",
  );
}

/**
 * A PGP/MIME clear-signed message (RFC 3156 §5): `entity` readable as it is, beside a detached
 * armoured signature that gpg made over its canonical (CRLF) form.
 */
export function pgpSignedMessage(kit: CryptoKit, entity: Uint8Array, to: string): Buffer {
  const canonical = Buffer.from(Buffer.from(entity).toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1");
  const signature = kit.gpg(["--armor", "--detach-sign"], canonical).toString("latin1");
  const b = "------------sig7Hq2Lm9PdXcVa";
  return Buffer.concat([
    Buffer.from(
      `${envelope(KEY_OWNER, to, "Figures")}\r\n` +
        `Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="${b}"\r\n\r\n` +
        `This is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n--${b}\r\n`,
      "latin1",
    ),
    canonical,
    Buffer.from(
      `\r\n--${b}\r\nContent-Type: application/pgp-signature; name="signature.asc"\r\n` +
        'Content-Disposition: attachment; filename="signature.asc"\r\n\r\n' +
        `${signature.replace(/\r?\n/g, "\r\n")}\r\n--${b}--\r\n`,
      "latin1",
    ),
  ]);
}

/** An S/MIME message as `openssl smime` writes it whole: enveloped (encrypted) or signed. */
export function smimeMessage(
  kit: CryptoKit,
  entity: Uint8Array,
  to: string,
  how: "encrypt" | "sign" | "sign-opaque",
): Buffer {
  const head = ["-from", KEY_OWNER, "-to", to, "-subject", "Figures", "-in", "{in}"];
  if (how === "encrypt") return kit.openssl(["smime", "-encrypt", "-aes256", ...head, kit.cert], entity);
  const sign = ["smime", "-sign", ...head, "-signer", kit.cert, "-inkey", kit.key];
  return kit.openssl(how === "sign" ? sign : [...sign, "-nodetach"], entity);
}
