// Built-ins from ECMAScript 2017 and later that the bundled core (and the libraries it uses) call,
// for runtimes that stop at ECMAScript 2016 (classic Outlook on Windows before Version 2403).
// esbuild lowers syntax, never built-ins; test/outlook/handler-vm.test.ts removes every later
// built-in from its sandbox, so one used and missing here fails that test.

type Fn = (...args: never[]) => unknown;

/** Each polyfill: where it goes, its name, and the function. */
const POLYFILLS: [object, string, Fn][] = [
  [Object, "entries", (o: object) => Object.keys(o).map((k) => [k, (o as Record<string, unknown>)[k]])],
  [Object, "values", (o: object) => Object.keys(o).map((k) => (o as Record<string, unknown>)[k])],
  [Object, "fromEntries", fromEntries],
  [Object, "getOwnPropertyDescriptors", getOwnPropertyDescriptors],
  [Object, "hasOwn", hasOwn],
  [Array.prototype, "at", at],
  [String.prototype, "at", at],
  [Object.getPrototypeOf(Uint8Array.prototype), "at", at],
  [Array.prototype, "findLast", findLast],
  [Array.prototype, "findLastIndex", findLastIndex],
  [Promise, "allSettled", allSettled],
  [Array.prototype, "flat", flat],
  [Array.prototype, "flatMap", flatMap],
  [String.prototype, "padStart", padStart],
  [String.prototype, "padEnd", padEnd],
  [String.prototype, "trimStart", trimStart],
  [String.prototype, "trimEnd", trimEnd],
  [String.prototype, "matchAll", matchAll],
  [String.prototype, "replaceAll", replaceAll],
  [Promise.prototype, "finally", promiseFinally],
];

function fromEntries(entries: Iterable<[PropertyKey, unknown]>): Record<PropertyKey, unknown> {
  const out: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) out[key] = value;
  return out;
}

function hasOwn(o: object, key: PropertyKey): boolean {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: this is Object.hasOwn, for runtimes without it.
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Array, String and TypedArray `at`: an index counted from the end when negative. */
function at(this: ArrayLike<unknown>, index: number): unknown {
  const list = typeof this === "string" || this instanceof String ? String(this) : this;
  const i = Math.trunc(Number(index) || 0);
  const k = i < 0 ? list.length + i : i;
  return k < 0 || k >= list.length ? undefined : list[k];
}

function findLastIndex(
  this: unknown[],
  test: (v: unknown, i: number, a: unknown[]) => unknown,
  self?: unknown,
) {
  for (let i = this.length - 1; i >= 0; i--) if (test.call(self, this[i], i, this)) return i;
  return -1;
}

function findLast(this: unknown[], test: (v: unknown, i: number, a: unknown[]) => unknown, self?: unknown) {
  const i = findLastIndex.call(this, test, self);
  return i < 0 ? undefined : this[i];
}

function allSettled(promises: Iterable<unknown>): Promise<unknown[]> {
  return Promise.all(
    Array.from(promises, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: "fulfilled", value }),
        (reason) => ({ status: "rejected", reason }),
      ),
    ),
  );
}

function getOwnPropertyDescriptors(o: object): PropertyDescriptorMap {
  const out: PropertyDescriptorMap = {};
  for (const key of Reflect.ownKeys(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor !== undefined) out[key as string] = descriptor;
  }
  return out;
}

function flat(this: unknown[], depth = 1): unknown[] {
  const out: unknown[] = [];
  const walk = (list: unknown[], d: number) => {
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) continue;
      if (Array.isArray(list[i]) && d > 0) walk(list[i] as unknown[], d - 1);
      else out.push(list[i]);
    }
  };
  walk(this, Number(depth));
  return out;
}

function flatMap(
  this: unknown[],
  fn: (v: unknown, i: number, a: unknown[]) => unknown,
  self?: unknown,
): unknown[] {
  return flat.call(this.map(fn, self), 1);
}

function padding(length: number, fill: string, have: number): string {
  const want = Math.max(0, Math.floor(length) - have);
  if (want === 0 || fill === "") return "";
  return fill.repeat(Math.ceil(want / fill.length)).slice(0, want);
}

function padStart(this: string, length: number, fill = " "): string {
  const s = String(this);
  return padding(length, String(fill), s.length) + s;
}

function padEnd(this: string, length: number, fill = " "): string {
  const s = String(this);
  return s + padding(length, String(fill), s.length);
}

function trimStart(this: string): string {
  return String(this).replace(/^[\s\uFEFF\xA0]+/, "");
}

function trimEnd(this: string): string {
  return String(this).replace(/[\s\uFEFF\xA0]+$/, "");
}

function* matchAll(this: string, pattern: RegExp | string): Generator<RegExpExecArray> {
  const s = String(this);
  if (pattern instanceof RegExp && !pattern.global) throw new TypeError("matchAll needs a global RegExp");
  const re = pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags) : new RegExp(pattern, "g");
  re.lastIndex = pattern instanceof RegExp ? pattern.lastIndex : 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    yield m;
    if (m[0] === "") re.lastIndex = advance(s, re.lastIndex, re.unicode);
  }
}

/** The index after `at`, by code point in a unicode RegExp (ECMA-262 AdvanceStringIndex). */
function advance(s: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= s.length) return at + 1;
  const c = s.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff ? at + 2 : at + 1;
}

function replaceAll(
  this: string,
  search: RegExp | string,
  replacement: string | ((...a: unknown[]) => string),
) {
  if (search instanceof RegExp && !search.global) throw new TypeError("replaceAll needs a global RegExp");
  // A string search becomes a global RegExp of itself: String.prototype.replace then applies the
  // same `$` substitutions and calls a function with the same arguments as replaceAll does.
  const re =
    search instanceof RegExp
      ? search
      : new RegExp(String(search).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
  return String(this).replace(re, replacement as string);
}

function promiseFinally(this: Promise<unknown>, fn: () => unknown): Promise<unknown> {
  return this.then(
    (value) => Promise.resolve(fn()).then(() => value),
    (reason) =>
      Promise.resolve(fn()).then(() => {
        throw reason;
      }),
  );
}

/** Defines each missing built-in as the language does (writable, configurable, not enumerable); returns their names. */
export function installBuiltins(): string[] {
  const added: string[] = [];
  for (const [target, name, fn] of POLYFILLS) {
    if (name in target) continue;
    Object.defineProperty(target, name, { value: fn, writable: true, configurable: true, enumerable: false });
    added.push(name);
  }
  return added;
}
