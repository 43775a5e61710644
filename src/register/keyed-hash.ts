import type { RegisterHashes } from "../model/register.js";
import type { Digest } from "./hash-people.js";

// HMAC-SHA-256 (RFC 2104, FIPS 180-4) for the register's short identity keys, in plain JS.
// Why not node:crypto for builds: each createHmac call costs ~5-10 µs of native set-up, and a
// million-row register build hashes two million keys; with the key's inner and outer blocks
// compressed once, a key of under 56 bytes costs two compressions here (~1-2 µs), and the code runs
// in any host (browser, add-ins), not only Node. A check's few hundred look-ups in a fresh process
// are the other way round (this code still interpreted there), so node/load-registers.ts hands
// them node:crypto's. Checked against node:crypto and RFC 4231 in the tests.

const ROUND = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const BLOCK = 64;

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** The big-endian words of the 64-byte block at `at`, into w[0..15]. */
function load(bytes: Uint8Array, at: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = at + i * 4;
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
}

/** SHA-256's compression of the 64-byte block at `at` into `state` (the message schedule in `w`). */
function compress(state: Int32Array, bytes: Uint8Array, at: number, w: Int32Array): void {
  load(bytes, at, w);
  rounds(state, w);
}

/** SHA-256's compression of the block already in w[0..15] into `state`. */
function rounds(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    w[i] =
      (w[i - 16] +
        (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) +
        w[i - 7] +
        (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) |
      0;
  }
  // Indexed, not destructured: a typed array's iterator is slow in this loop.
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + ROUND[i] + w[i]) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

/**
 * Pads the last `length` message bytes, already in `buffer`, and compresses them; `before` bytes
 * were compressed already (one block of key in an HMAC).
 */
function finish(state: Int32Array, buffer: Uint8Array, length: number, w: Int32Array, before = BLOCK): void {
  const total = Math.ceil((length + 9) / BLOCK) * BLOCK;
  buffer.fill(0, length, total);
  buffer[length] = 0x80;
  const bits = (length + before) * 8;
  const view = new DataView(buffer.buffer, buffer.byteOffset);
  view.setUint32(total - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(total - 4, bits >>> 0);
  for (let at = 0; at < total; at += BLOCK) compress(state, buffer, at, w);
}

/** The state after one block of the key XOR `pad` (HMAC's inner or outer start). */
function padded(key: Uint8Array, pad: number, w: Int32Array): Int32Array {
  const block = new Uint8Array(BLOCK).fill(pad);
  for (let i = 0; i < key.length; i++) block[i] ^= key[i];
  const state = INITIAL.slice();
  compress(state, block, 0, w);
  return state;
}

/**
 * HMAC-SHA-256 with `key` (at most 64 bytes, as register keys are 32). The function returned gives
 * the digest as eight big-endian 32-bit words in one array it reuses: read it before the next call.
 */
export function hmacSha256(key: Uint8Array): (text: string) => Int32Array {
  if (key.length > BLOCK) throw new RangeError("HMAC key longer than one block");
  const w = new Int32Array(64);
  const inner = padded(key, 0x36, w);
  const outer = padded(key, 0x5c, w);
  const encoder = new TextEncoder();
  const state = new Int32Array(8);
  let buffer = new Uint8Array(2 * BLOCK);
  return (text) => {
    state.set(inner);
    if (!shortAscii(text, w)) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit; room for the padding after it.
      if (buffer.length < text.length * 3 + 9 + BLOCK) buffer = new Uint8Array(text.length * 3 + 9 + BLOCK);
      finish(state, buffer, encoder.encodeInto(text, buffer).written, w);
    } else rounds(state, w);
    // The outer hash's one block: the inner digest's words, then the padding of 32 bytes after a block.
    for (let i = 0; i < 8; i++) w[i] = state[i];
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (BLOCK + 32) * 8;
    state.set(outer);
    rounds(state, w);
    return state;
  };
}

/**
 * Loads a text of at most 55 ASCII characters, padded, as the one block after the key (most
 * identity keys are): no UTF-8 encoding and no byte buffer. False, and w untouched, for any other.
 */
function shortAscii(text: string, w: Int32Array): boolean {
  const n = text.length;
  if (n > 55) return false;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) > 0x7f) return false;
  w.fill(0, 0, 16);
  for (let i = 0; i < n; i++) w[i >> 2] |= text.charCodeAt(i) << (24 - 8 * (i & 3));
  w[n >> 2] |= 0x80 << (24 - 8 * (n & 3));
  w[15] = (BLOCK + n) * 8;
  return true;
}

/** SHA-256 of some bytes, in hex: what a register file records of its hashes, to tell a damaged one. */
export function sha256Hex(bytes: Uint8Array): string {
  const w = new Int32Array(64);
  const state = INITIAL.slice();
  const whole = bytes.length - (bytes.length % BLOCK);
  for (let at = 0; at < whole; at += BLOCK) compress(state, bytes, at, w);
  const tail = new Uint8Array(2 * BLOCK);
  tail.set(bytes.subarray(whole));
  finish(state, tail, bytes.length - whole, w, whole);
  return Array.from(state, (word) => (word >>> 0).toString(16).padStart(8, "0")).join("");
}

/** A register's keyed hash: the first 64 bits of HMAC-SHA-256 of `text`, as an unsigned bigint. */
export function keyedHash64(key: Uint8Array): (text: string) => bigint {
  const mac = hmacSha256(key);
  return (text) => {
    const digest = mac(text);
    return (BigInt(digest[0] >>> 0) << 32n) | BigInt(digest[1] >>> 0);
  };
}

/**
 * Look-ups in sorted 64-bit keyed hashes, given as their high and low 32-bit halves: each key's
 * first two digest words are compared with them, with no bigint per key. `digest` is the own HMAC
 * (hmacSha256) or a host's native one.
 */
export function hashLookup(digest: Digest, sorted: RegisterHashes): (text: string) => boolean {
  const { high, low } = sorted;
  return (text) => {
    const words = digest(text);
    const h = words[0] >>> 0;
    const l = words[1] >>> 0;
    let lo = 0;
    let hi = high.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (high[mid] === h && low[mid] === l) return true;
      if (high[mid] < h || (high[mid] === h && low[mid] < l)) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}
