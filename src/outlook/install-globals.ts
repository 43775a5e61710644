// The first part of the add-in's script, a bundle of its own before the handler's: the libraries
// the core bundles (postal-mime) make their TextEncoder and TextDecoder as their module loads, and
// esbuild's helpers take Object.getOwnPropertyDescriptors as the bundle starts.
import { installPolyfills } from "../portable/install-polyfills.js";

/** The global object of any ECMAScript runtime, with or without `globalThis`. */
function globalObject(): Record<string, unknown> {
  if (typeof globalThis !== "undefined") return globalThis as unknown as Record<string, unknown>;
  return Function("return this")() as Record<string, unknown>;
}

installPolyfills(globalObject());
