// What esbuild's `target: es2016` leaves for ES2016 runtimes (classic Outlook on Windows before
// Version 2403), lowered here on the bundle's text:
// - Unicode property escapes (\p{L}, ES2018) in RegExp literals, in `new RegExp("...")` strings and in
//   the embedded detector patterns become explicit code point ranges (`\u{...}`, ES2015 with /u),
//   computed from this Node's Unicode tables at build time;
// - every conditional (`a ? b : c`) becomes `((a)&&{v:(b)}||{v:(c)}).v`: Microsoft's
//   troubleshooting page for event-based add-ins says the ternary operator "will prevent your add-in
//   from loading" in those versions. The rewrite evaluates `a` once and only the chosen branch.
import { parse } from "acorn";

const cache = new Map<string, string>();

/** The code point ranges of a Unicode property as a class body (`\u{41}-\u{5a}...`), or of its complement. */
function propertyRanges(property: string, negated: boolean): string {
  const key = `${negated ? "P" : "p"}${property}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const test = new RegExp(`^\\${negated ? "P" : "p"}{${property}}$`, "u");
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  let out = "";
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const inside = cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff) && test.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    if (!inside && start >= 0) {
      out += start === cp - 1 ? hex(start) : `${hex(start)}-${hex(cp - 1)}`;
      start = -1;
    }
  }
  cache.set(key, out);
  return out;
}

/** `pattern` (a /u RegExp source) with each \p{..} and \P{..} spelled out as ranges; the same matches. */
export function expandPropertyEscapes(pattern: string): string {
  if (!/\\[pP]\{/.test(pattern)) return pattern;
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const m = /^\\([pP])\{([A-Za-z_=]+)\}/.exec(pattern.slice(i));
      if (m) {
        const ranges = propertyRanges(m[2], m[1] === "P");
        out += inClass ? ranges : `[${ranges}]`;
        i += m[0].length - 1;
      } else {
        out += pattern.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** `value` with every string holding a property escape expanded (the embedded rules' patterns). */
export function expandPatternsIn<T>(value: T): T {
  if (typeof value === "string") return expandPropertyEscapes(value) as T;
  if (Array.isArray(value)) return value.map(expandPatternsIn) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandPatternsIn(v)])) as T;
  return value;
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Order among edits at one position: closers (inner first), then openers (outer first), then replacements. */
  rank: number;
}

function walk(node: Node, depth: number, visit: (n: Node, depth: number) => void): void {
  visit(node, depth);
  const inner = depth + (node.type === "ConditionalExpression" ? 1 : 0);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const v of value)
        if (v && typeof v === "object" && typeof v.type === "string") walk(v, inner, visit);
    } else if (value && typeof value === "object" && typeof (value as Node).type === "string")
      walk(value as Node, inner, visit);
  }
}

const isRegExpCall = (n: Node): boolean =>
  (n.type === "NewExpression" || n.type === "CallExpression") &&
  (n.callee as Node).type === "Identifier" &&
  (n.callee as { name: string }).name === "RegExp";

/** Whether `text` is the token `token` with nothing but white space and comments around it. */
const only = (token: string, text: string): boolean =>
  text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*\n/g, " ").trim() === token;

function editsFor(n: Node, depth: number, code: string): Edit[] {
  const regex = n.regex as { pattern: string; flags: string } | undefined;
  if (n.type === "Literal" && regex && /\\[pP]\{/.test(regex.pattern))
    return [
      {
        start: n.start,
        end: n.end,
        text: `/${expandPropertyEscapes(regex.pattern)}/${regex.flags}`,
        rank: 2,
      },
    ];
  if (isRegExpCall(n)) {
    const [source] = n.arguments as Node[];
    if (source?.type === "Literal" && typeof source.value === "string" && /\\[pP]\{/.test(source.value))
      return [
        {
          start: source.start,
          end: source.end,
          text: JSON.stringify(expandPropertyEscapes(source.value)),
          rank: 2,
        },
      ];
  }
  if (n.type !== "ConditionalExpression") return [];
  const [test, yes, no] = [n.test, n.consequent, n.alternate] as Node[];
  // Between the parts only the `?` and `:` tokens (white space, comments) lie: parentheses are
  // nodes of their own (preserveParens), so they stay inside the part they belong to.
  if (!only("?", code.slice(test.end, yes.start)) || !only(":", code.slice(yes.end, no.start)))
    throw new Error(`unexpected text in a conditional at ${n.start}`);
  return [
    { start: test.start, end: test.start, text: "((", rank: 1 + depth / 1e6 },
    { start: test.end, end: yes.start, text: ")&&{v:(", rank: 2 },
    { start: yes.end, end: no.start, text: ")}||{v:(", rank: 2 },
    { start: no.end, end: no.end, text: ")}).v", rank: -depth / 1e6 },
  ];
}

/** The bundle with property escapes expanded and conditionals rewritten (see the head of this file). */
export function lowerForEs2016(code: string): string {
  const ast = parse(code, {
    ecmaVersion: "latest",
    sourceType: "script",
    preserveParens: true,
  }) as unknown as Node;
  const edits: Edit[] = [];
  walk(ast, 0, (n, depth) => edits.push(...editsFor(n, depth, code)));
  edits.sort((a, b) => a.start - b.start || a.rank - b.rank);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) throw new Error(`overlapping rewrites at ${e.start}`);
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + code.slice(at);
}
