// A node:vm context holding only what ECMAScript 2016 defines, the runtime classic Outlook on
// Windows promised add-ins before Version 2403 (docs: testing/runtimes.md, "JavaScript-only
// runtime"): every later built-in, Intl, console and the engine's extras are removed, and each
// RegExp the script builds is checked against ES2016's pattern grammar.
import { createContext, runInContext } from "node:vm";
import { parse } from "acorn";

/** Globals from ES2017 on, ECMA-402 and the host (V8, Node) that a vm context still has. */
const LATER_GLOBALS = [
  "globalThis",
  "AggregateError",
  "Intl",
  "BigInt",
  "BigInt64Array",
  "BigUint64Array",
  "FinalizationRegistry",
  "WeakRef",
  "SharedArrayBuffer",
  "Atomics",
  "WebAssembly",
  "Iterator",
  "Float16Array",
  "console",
];

/** Built-ins added after ES2016, by the object that holds them (ECMA-262 editions 8 to 16). */
const LATER_MEMBERS: Record<string, string[]> = {
  Object: ["entries", "values", "getOwnPropertyDescriptors", "fromEntries", "hasOwn", "groupBy"],
  "Object.prototype": ["__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"],
  "String.prototype": [
    "padStart",
    "padEnd",
    "trimStart",
    "trimEnd",
    "trimLeft",
    "trimRight",
    "matchAll",
    "replaceAll",
    "at",
    "isWellFormed",
    "toWellFormed",
  ],
  "Array.prototype": [
    "flat",
    "flatMap",
    "at",
    "findLast",
    "findLastIndex",
    "toReversed",
    "toSorted",
    "toSpliced",
    "with",
  ],
  Array: ["fromAsync"],
  TypedArrayPrototype: ["at", "findLast", "findLastIndex", "toReversed", "toSorted", "with"],
  Promise: ["allSettled", "any", "withResolvers", "try"],
  "Promise.prototype": ["finally"],
  Symbol: ["asyncIterator"],
  "Symbol.prototype": ["description"],
  Map: ["groupBy"],
  "Set.prototype": [
    "union",
    "intersection",
    "difference",
    "symmetricDifference",
    "isSubsetOf",
    "isSupersetOf",
    "isDisjointFrom",
  ],
  "ArrayBuffer.prototype": [
    "resize",
    "transfer",
    "transferToFixedLength",
    "detached",
    "maxByteLength",
    "resizable",
  ],
  RegExp: ["escape"],
  "DataView.prototype": [
    "getBigInt64",
    "getBigUint64",
    "setBigInt64",
    "setBigUint64",
    "getFloat16",
    "setFloat16",
  ],
  Math: ["f16round"],
  Error: ["captureStackTrace", "stackTraceLimit", "prepareStackTrace", "isError"],
};

const STRIP = `(function (later) {
  var holders = {
    Object: Object, "Object.prototype": Object.prototype, "String.prototype": String.prototype,
    "Array.prototype": Array.prototype, Array: Array,
    TypedArrayPrototype: Object.getPrototypeOf(Uint8Array.prototype),
    Promise: Promise, "Promise.prototype": Promise.prototype, Symbol: Symbol,
    "Symbol.prototype": Symbol.prototype, Map: Map, "Set.prototype": Set.prototype,
    "ArrayBuffer.prototype": ArrayBuffer.prototype, "DataView.prototype": DataView.prototype, RegExp: RegExp, Math: Math, Error: Error
  };
  Object.keys(later).forEach(function (holder) {
    later[holder].forEach(function (name) { delete holders[holder][name]; });
  });
})`;

/** Which RegExp patterns and flags ES2016 accepts, by parsing them as a literal (cached). */
function es2016RegExpCheck(): (pattern: string, flags: string) => void {
  const seen = new Map<string, string | null>();
  return (pattern, flags) => {
    const key = `${flags}/${pattern}`;
    if (!seen.has(key)) {
      let problem: string | null = null;
      try {
        const source = new RegExp(pattern, flags).source;
        parse(`/${source}/${flags}`, { ecmaVersion: 2016 });
      } catch (error) {
        problem = `RegExp /${pattern}/${flags} is not ECMAScript 2016: ${(error as Error).message}`;
      }
      seen.set(key, problem);
    }
    const problem = seen.get(key);
    if (problem) throw new SyntaxError(problem);
  };
}

/** What a sandbox reports: RegExps the script built that ES2016 cannot, besides throwing them. */
export interface Sandbox {
  context: object;
  regexpProblems: string[];
  run(code: string): unknown;
}

/** A fresh context with only ES2016's globals (plus nothing: the caller adds its fake Office). */
export function es2016Sandbox(): Sandbox {
  const context = createContext({});
  const regexpProblems: string[] = [];
  runInContext(STRIP, context)(JSON.parse(JSON.stringify(LATER_MEMBERS)));
  for (const name of LATER_GLOBALS) runInContext(`delete this[${JSON.stringify(name)}]`, context);
  const RealRegExp = runInContext("RegExp", context) as RegExpConstructor;
  const check = es2016RegExpCheck();
  const guard = (args: unknown[]) => {
    const [pattern, flags] = args;
    const source =
      pattern instanceof RealRegExp ? pattern.source : pattern === undefined ? "(?:)" : String(pattern);
    const f = flags === undefined ? (pattern instanceof RealRegExp ? pattern.flags : "") : String(flags);
    try {
      check(source, f);
    } catch (error) {
      regexpProblems.push((error as Error).message);
      throw error;
    }
  };
  const Checked: RegExpConstructor = new Proxy(RealRegExp, {
    construct(target, args, newTarget): object {
      guard(args);
      return Reflect.construct(target, args, newTarget === Checked ? target : newTarget);
    },
    apply(target, self, args) {
      guard(args);
      return Reflect.apply(target, self, args);
    },
  });
  // Written through the context's own property set: 'RegExp' is writable and configurable there.
  Object.defineProperty(runInContext("this", context), "RegExp", {
    value: Checked,
    writable: true,
    configurable: true,
  });
  return {
    context,
    regexpProblems,
    run: (code) => runInContext(code, context),
  };
}

/** Whether `code` parses as an ECMAScript 2016 script; the parser's message when not. */
export function es2016SyntaxProblem(code: string): string | null {
  try {
    parse(code, { ecmaVersion: 2016, sourceType: "script" });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
