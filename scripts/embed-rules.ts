// Build step: validates rules/ and writes dist/embedded.json, so the CLI starts without
// loading YAML or zod when no policy file is given.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseContextText, parseDefaultPolicy, parseDetectorFiles } from "../src/ruleset/parse-rules.js";

const root = process.argv[2] ?? ".";
const detectorDir = join(root, "rules/detectors");
const files = readdirSync(detectorDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => ({ path: `rules/detectors/${f}`, text: readFileSync(join(detectorDir, f), "utf8") }));
const detectors = parseDetectorFiles(files);
const rulesText = (path: string) => ({ path, text: readFileSync(join(root, path), "utf8") });
const policy = parseDefaultPolicy(
  rulesText("rules/policies/default.yaml"),
  rulesText("rules/public-mail-domains.yaml"),
);
const contextPath = "rules/context.yaml";
const context = parseContextText({ path: contextPath, text: readFileSync(join(root, contextPath), "utf8") });
const problems = [
  ...(detectors.ok ? [] : detectors.error),
  ...(policy.ok ? [] : policy.error),
  ...(context.ok ? [] : context.error),
];
if (!detectors.ok || !policy.ok || !context.ok) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
// Examples are for tests, not for the runtime.
const specs = detectors.value.map(({ examples: _examples, ...spec }) => spec);
mkdirSync(join(root, "dist"), { recursive: true });
writeFileSync(
  join(root, "dist/embedded.json"),
  JSON.stringify({ detectors: specs, context: context.value, policy: policy.value }),
);
