import type { AttachmentSource } from "../model/attachment.js";
import type { Limits } from "../model/limits.js";
import type { Platform } from "../model/platform.js";
import { BOMB_FLOOR, listZipEntries, zipMemberData } from "../parse/container/zip.js";

/** Inflated members, by the buffer and place of their compressed bytes in an attachment. */
type Ahead = WeakMap<ArrayBufferLike, Map<string, Uint8Array | "too-large">>;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const placeOf = (data: Uint8Array): string => `${data.byteOffset}:${data.byteLength}`;

/**
 * Inflates raw DEFLATE with the runtime's own DecompressionStream, stopping past `cap` bytes of
 * output. Null when the stream refuses the data: fflate then decides, as it would have anyway.
 */
async function inflateNatively(data: Uint8Array, cap: number): Promise<Uint8Array | "too-large" | null> {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel().catch(() => undefined);
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/** The deflated members of one ZIP-based attachment the core would inflate, with the cap each gets. */
function membersOf(bytes: Uint8Array, limits: Limits): { data: Uint8Array; cap: number }[] {
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) return [];
  const listing = listZipEntries(bytes);
  if (!listing.ok) return [];
  const out: { data: Uint8Array; cap: number }[] = [];
  for (const entry of listing.entries) {
    if (entry.method !== 8 || (entry.flags & 1) !== 0) continue;
    const data = zipMemberData(bytes, entry);
    if (typeof data === "string") continue;
    // The largest cap extractZipEntry could give this member; it checks its own, smaller one.
    const cap = Math.min(limits.maxPartBytes, Math.max(BOMB_FLOOR, data.length * limits.maxCompressionRatio));
    if (entry.uncompressedSize <= cap) out.push({ data, cap });
  }
  return out;
}

/**
 * The platform for one draft, its attachments' ZIP members (xlsx, docx, ods, zip) inflated ahead
 * by the runtime's native DecompressionStream('deflate-raw'): Thunderbird's extension process runs
 * fflate's JavaScript inflater several times slower than Node does, and inflating was half the
 * time from Send to verdict. The core's inflateRaw stays synchronous; it finds a member inflated
 * here and falls back to `base` (fflate) for anything else (nested archives, data the stream
 * refused). Output is capped as extractZipEntry caps it, and in all at maxTotalInflatedBytes.
 */
export async function inflateAhead(
  attachments: AttachmentSource[],
  limits: Limits,
  base: Platform,
): Promise<Platform> {
  if (typeof DecompressionStream !== "function") return base;
  const ahead: Ahead = new WeakMap();
  let room = limits.maxTotalInflatedBytes;
  for (const { bytes } of attachments) {
    for (const { data, cap } of membersOf(bytes, limits)) {
      if (room <= 0) break;
      const out = await inflateNatively(data, Math.min(cap, room));
      if (out === null || (out === "too-large" && cap > room)) continue;
      if (out !== "too-large") room -= out.length;
      const places = ahead.get(data.buffer) ?? new Map<string, Uint8Array | "too-large">();
      ahead.set(data.buffer, places.set(placeOf(data), out));
    }
  }
  return {
    ...base,
    inflateRaw(data, maxBytes, expectedBytes) {
      const places = ahead.get(data.buffer);
      const found = places?.get(placeOf(data));
      if (found === undefined) return base.inflateRaw(data, maxBytes, expectedBytes);
      places?.delete(placeOf(data)); // read once: a second read inflates afresh, as before
      return found === "too-large" || found.length > maxBytes
        ? { ok: false, error: "too-large" }
        : { ok: true, bytes: found };
    },
  };
}
