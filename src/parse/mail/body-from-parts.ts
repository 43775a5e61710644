import type { BodyText } from "../../model/draft.js";
import { decompressRtf } from "./decompress-rtf.js";
import { readRtf } from "./read-rtf.js";

/** What an Outlook message keeps of its text: plain, HTML, and compressed RTF (fetched only when needed). */
export interface BodyParts {
  plain?: string;
  html?: string;
  rtf?: () => Uint8Array | undefined;
}

/**
 * A message's one body from its MAPI properties (PR_BODY, PR_BODY_HTML, PR_RTF_COMPRESSED), as a
 * .msg or a winmail.dat keeps them: what the compressed RTF adds when plain text or HTML is
 * missing. `tick` is the draft's clock, asked as the RTF is read.
 */
export function bodyFromParts(parts: BodyParts, tick?: () => void): BodyText[] {
  let { plain: text, html } = parts;
  const compressed = html === undefined || text === undefined ? parts.rtf?.() : undefined;
  const rtf = compressed && decompressRtf(compressed, Math.max(1 << 20, compressed.length * 16));
  if (rtf) {
    const read = readRtf(rtf, tick);
    if ("html" in read) html ??= read.html;
    else text ??= read.plain;
  }
  const body: BodyText = { ...(text ? { plain: text } : {}), ...(html ? { html } : {}) };
  return body.plain === undefined && body.html === undefined ? [] : [body];
}
