import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyTable } from "../../src/classify/classify-table.js";
import type { InspectedAttachment, Recipient } from "../../src/model/verdict.js";
import { decide } from "../../src/policy/decide.js";
import { formatExplanation } from "../../src/report/format-explanation.js";
import { formatJson } from "../../src/report/format-json.js";
import { formatSarif } from "../../src/report/format-sarif.js";
import { formatText } from "../../src/report/format-text.js";
import { rawTable, testEngine } from "../helpers/rules.js";

const engine = testEngine();
const FORENAMES = ["Jane", "Robert", "Aisha", "Mohammed", "Siobhan", "Gareth", "Priya", "Tomasz"];
const SURNAMES = ["Smith", "Jones", "Begum", "Williams", "Kowalski", "Evans", "Patel", "Murphy"];
const LABELS = ["Name", "Surname", "Email", "Phone", "Postcode", "Address", "Notes", "VI", "Ward", "Ref"];

// Values of the kinds detectors tag, each long and particular enough that finding it in a report
// means the report printed it (not a word of the report's own prose).
const VALUES: Record<string, fc.Arbitrary<string>> = {
  email: fc
    .tuple(fc.constantFrom(...FORENAMES), fc.integer({ min: 100, max: 99999 }))
    .map(([f, n]) => `${f.toLowerCase()}.${n}@example.org`),
  phone: fc.integer({ min: 0, max: 999999 }).map((n) => `07700 ${String(n).padStart(6, "0")}`),
  postcode: fc
    .tuple(
      fc.constantFrom("CW1", "CW2", "M14", "SW1A"),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom("AB", "DE", "HJ"),
    )
    .map(([o, d, l]) => `${o} ${d}${l}`),
  name: fc.tuple(fc.constantFrom(...FORENAMES), fc.constantFrom(...SURNAMES)).map(([f, s]) => `${f} ${s}`),
  party: fc.constantFrom("Labour", "Conservative", "Liberal Democrat", "Green Party", "Reform UK"),
  // Reference codes (no header word in them: `ref1234` under no header would read as a `Ref` label).
  code: fc.stringMatching(/^q[a-z]{2}[0-9]{4}$/),
};

/** How the first row is made: labels, a row of data, one long cell of a page's text, or no header. */
type HeaderMode = "labels" | "data" | "page" | "none";

const table = fc
  .record({
    kinds: fc.array(fc.constantFrom(...Object.keys(VALUES)), { minLength: 1, maxLength: 5 }),
    rows: fc.integer({ min: 2, max: 25 }),
    mode: fc.constantFrom<HeaderMode>("labels", "data", "page", "none"),
    seed: fc.integer(),
  })
  .chain(({ kinds, rows, mode }) =>
    fc.record({
      mode: fc.constant(mode),
      labels: fc.array(fc.constantFrom(...LABELS), { minLength: kinds.length, maxLength: kinds.length }),
      columns: fc.tuple(
        ...kinds.map((k) => fc.array(VALUES[k], { minLength: rows + 1, maxLength: rows + 1 })),
      ),
    }),
  );

const recipients: Recipient[] = [
  { address: "desk@radio.example", domain: "radio.example", field: "to", external: true },
];

/** Every report a user or a CI system gets for a verdict on this table. */
function reports(rows: string[][]): { outputs: string[]; tagged: Set<number> } {
  const classified = classifyTable(rawTable(rows, "list.csv"), engine.ruleset, { explain: true });
  const read = {
    filename: "list.csv",
    type: "csv" as const,
    status: "inspected" as const,
    issues: [],
    size: 1,
  };
  const attachment: InspectedAttachment = { ...read, tables: [classified] };
  const verdict = decide([attachment], recipients, engine.policy, "send");
  const file = {
    path: "list.csv",
    uri: "list.csv",
    verdict,
    findings: verdict.findings.map((finding) => ({ finding, fingerprint: "0" })),
    suppressed: [],
    headerLines: {},
  };
  const sarif = formatSarif(
    { action: verdict.action, files: [file], ignored: 0 },
    { version: "0", ...engine.policy },
  );
  const outputs = [
    formatText(verdict, { subject: "list.csv", showRecipients: true }),
    formatJson(verdict),
    sarif,
    formatExplanation("list.csv", { ...read, tables: [] }, [classified]),
  ];
  return {
    outputs,
    tagged: new Set(classified.columns.filter((c) => c.tags.length > 0).map((c) => c.index)),
  };
}

describe("no report prints a value of a tagged column", () => {
  it("text, JSON, SARIF and explain, whatever the table and whatever its first row is", () => {
    fc.assert(
      fc.property(table, ({ mode, labels, columns }) => {
        const height = columns[0].length;
        const data = Array.from({ length: height }, (_, r) => columns.map((c) => c[r]));
        const first =
          mode === "labels"
            ? labels
            : mode === "page"
              ? [`<html><body>${data.flat().join(" ")}</body></html>`]
              : null;
        const rows = first === null ? data : [first, ...data.slice(1)];
        const { outputs, tagged } = reports(rows);
        for (const index of tagged)
          for (const row of mode === "page" ? data : rows.slice(mode === "labels" ? 1 : 0)) {
            const value = row[index];
            if (value === undefined || value.length < 6) continue;
            for (const output of outputs) expect(output).not.toContain(value);
          }
        // A page's text read as one cell (a header, or a value) is never printed whole either.
        if (first !== null && mode === "page")
          for (const output of outputs) expect(output).not.toContain(first[0]);
      }),
      { numRuns: 150 },
    );
  });
});
