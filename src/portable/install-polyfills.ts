import { decodeBase64, encodeBase64 } from "./base64.js";
import { installBuiltins } from "./es-builtins.js";
import { PortableBlob } from "./portable-blob.js";
import { PortableTextDecoder, PortableTextEncoder } from "./text-codec.js";

/** A binary string's characters as bytes; throws as btoa does when one is past U+00FF. */
function binaryBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const c = binary.charCodeAt(i);
    if (c > 0xff) throw new Error("InvalidCharacterError: btoa takes characters in U+0000..U+00FF only");
    out[i] = c;
  }
  return out;
}

function atobPortable(text: string): string {
  const bytes = decodeBase64(String(text));
  if (bytes === null) throw new Error("InvalidCharacterError: the string to be decoded is not base64");
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192)
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  return out;
}

/** The web APIs the core and its parsers call, each with its stand-in. */
const WEB_APIS: Record<string, unknown> = {
  TextDecoder: PortableTextDecoder,
  TextEncoder: PortableTextEncoder,
  Blob: PortableBlob,
  atob: atobPortable,
  btoa: (binary: string) => encodeBase64(binaryBytes(String(binary))),
};

/**
 * Gives the global object what the core needs beyond ECMAScript 2016 where the runtime lacks it
 * (classic Outlook's JavaScript-only runtime): `globalThis`, the web APIs above, and the later
 * built-ins of es-builtins.ts. What the runtime has is left alone. Returns the names it added.
 */
export function installPolyfills(global: Record<string, unknown>): string[] {
  const added: string[] = [];
  if (global.globalThis === undefined) {
    global.globalThis = global;
    added.push("globalThis");
  }
  for (const name of Object.keys(WEB_APIS)) {
    if (global[name] !== undefined) continue;
    global[name] = WEB_APIS[name];
    added.push(name);
  }
  return [...added, ...installBuiltins()];
}
