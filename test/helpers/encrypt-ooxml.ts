// Password-encrypts an OOXML file the way Excel's "Encrypt with Password" does: ECMA-376 agile
// encryption (MS-OFFCRYPTO 2.3.4.10-2.3.4.15), AES-256-CBC keyed from SHA-512, in an OLE compound
// file holding EncryptionInfo and EncryptedPackage. Debian's msoffcrypto-tool (5.0) only decrypts,
// so the tests build the file here and let msoffcrypto-tool prove it is real by decrypting it.

import { createCipheriv, createHash, createHmac } from "node:crypto";
import * as XLSX from "@e965/xlsx";

const SEGMENT = 4096;
// Block keys of MS-OFFCRYPTO 2.3.4.11-2.3.4.14.
const VERIFIER_INPUT = Buffer.from("fea7d2763b4b9e79", "hex");
const VERIFIER_VALUE = Buffer.from("d7aa0f6d3061344e", "hex");
const KEY_VALUE = Buffer.from("146e0be7abacd0d6", "hex");
const HMAC_KEY = Buffer.from("5fb2ad010cb9e1f6", "hex");
const HMAC_VALUE = Buffer.from("a0677f02b22c8433", "hex");

const sha512 = (...parts: Buffer[]): Buffer => createHash("sha512").update(Buffer.concat(parts)).digest();
const le32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
/** Truncates, or pads with 0x36, to `length` bytes (2.3.4.11). */
const fitTo = (b: Buffer, length: number, pad = 0x36): Buffer =>
  b.length >= length ? b.subarray(0, length) : Buffer.concat([b, Buffer.alloc(length - b.length, pad)]);
const aes = (key: Buffer, iv: Buffer, data: Buffer): Buffer => {
  const c = createCipheriv("aes-256-cbc", key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(fitTo(data, Math.ceil(data.length / 16) * 16, 0)), c.final()]);
};

/** Deterministic "random" bytes: the tests need stable files, not secrecy. */
const seeded = (label: string, length: number): Buffer => fitTo(sha512(Buffer.from(label)), length);

/** Returns `plain` (an .xlsx) encrypted with `password`, as an OLE compound file. */
export function encryptOoxml(plain: Uint8Array, password: string, spinCount = 1000): Buffer {
  const passwordSalt = seeded("password salt", 16);
  const keySalt = seeded("key salt", 16);
  const secretKey = seeded("secret key", 32);
  const verifier = seeded("verifier", 16);
  const hmacKey = seeded("hmac key", 64);

  // 2.3.4.11: the password hash iterated spinCount times, then one key per block key.
  let h = sha512(passwordSalt, Buffer.from(password, "utf16le"));
  for (let i = 0; i < spinCount; i++) h = sha512(le32(i), h);
  const passwordKey = (block: Buffer) => fitTo(sha512(h, block), 32);

  // 2.3.4.15: the package in 4096-byte segments, each with its own IV from the key salt.
  const segments: Buffer[] = [];
  for (let i = 0, at = 0; at < plain.length; i++, at += SEGMENT) {
    const iv = fitTo(sha512(keySalt, le32(i)), 16);
    segments.push(aes(secretKey, iv, Buffer.from(plain.subarray(at, at + SEGMENT))));
  }
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(plain.length));
  const encryptedPackage = Buffer.concat([size, ...segments]);

  // 2.3.4.14: an HMAC of the whole EncryptedPackage stream, its key and value encrypted.
  const hmac = createHmac("sha512", hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aes(secretKey, fitTo(sha512(keySalt, HMAC_KEY), 16), hmacKey);
  const encryptedHmacValue = aes(secretKey, fitTo(sha512(keySalt, HMAC_VALUE), 16), hmac);

  const b64 = (b: Buffer) => b.toString("base64");
  const params = `blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" ${params} saltValue="${b64(keySalt)}"/><dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="${spinCount}" saltSize="16" ${params} saltValue="${b64(passwordSalt)}" encryptedVerifierHashInput="${b64(aes(passwordKey(VERIFIER_INPUT), passwordSalt, verifier))}" encryptedVerifierHashValue="${b64(aes(passwordKey(VERIFIER_VALUE), passwordSalt, sha512(verifier)))}" encryptedKeyValue="${b64(aes(passwordKey(KEY_VALUE), passwordSalt, secretKey))}"/></keyEncryptor></keyEncryptors></encryption>`;
  // 2.3.4.10: version 4.4, reserved flags 0x40, then the XML.
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, "utf8")]);

  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "/EncryptionInfo", info);
  XLSX.CFB.utils.cfb_add(cfb, "/EncryptedPackage", encryptedPackage);
  return Buffer.from(XLSX.CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}
