import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacSha256, keyedHash64, sha256Hex } from "../../src/register/keyed-hash.js";

const hex = (words: Int32Array): string =>
  [...words].map((w) => (w >>> 0).toString(16).padStart(8, "0")).join("");
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("HMAC-SHA-256 for register keys", () => {
  it("gives RFC 4231's digests", () => {
    // Test cases 1 and 2 of RFC 4231 (the others use keys or data that are not text).
    const key1 = new Uint8Array(20).fill(0x0b);
    expect(hex(hmacSha256(key1)("Hi There"))).toBe(
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    );
    expect(hex(hmacSha256(bytes("Jefe"))("what do ya want for nothing?"))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("agrees with node:crypto on any text and key, across block boundaries and in UTF-8", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.array(fc.string({ unit: "grapheme", maxLength: 150 }), { minLength: 1, maxLength: 5 }),
        (key, texts) => {
          const mac = hmacSha256(key);
          const keyed = keyedHash64(key);
          for (const text of texts) {
            const expected = createHmac("sha256", key).update(text).digest();
            expect(hex(mac(text))).toBe(expected.toString("hex"));
            expect(keyed(text)).toBe(expected.readBigUInt64BE(0));
          }
        },
      ),
    );
  });

  it("gives the same digest for a text whatever was hashed before it (its buffers are reused)", () => {
    const mac = hmacSha256(bytes("k"));
    const first = hex(mac("name+postcode:jane smith|CW11AA"));
    mac("x".repeat(500));
    expect(hex(mac("name+postcode:jane smith|CW11AA"))).toBe(first);
  });

  it("gives SHA-256 of any bytes as node:crypto does (a register file's check of its hashes)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
    );
    const large = new Uint8Array(1_000_003).map((_, i) => i * 7);
    expect(sha256Hex(large)).toBe(createHash("sha256").update(large).digest("hex"));
  });
});
