// Wall time and peak RSS of `guard check` on drafts carrying hostile attachments (ZIP bombs,
// billion laughs, encrypted members): each must be refused in well under a second and 200 MB.
// Run: node scripts/run-ts.mjs scripts/bench-hostile.ts [RUNS]
import { draftWith, measured } from "../test/helpers/drafts.js";
import { hostileAttachments } from "../test/helpers/hostile.js";

const runs = Number(process.argv[2] ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`guard check on one draft per case, whole process, median of ${runs} runs`);
console.log("case | attachment bytes | exit | reason | wall ms | peak RSS MB");
for (const hostile of hostileAttachments()) {
  const draft = draftWith([{ filename: hostile.filename, content: Buffer.from(hostile.bytes) }]);
  const results = Array.from({ length: runs }, () => measured(["check", "-", "--format", "json"], draft));
  const last = results[results.length - 1];
  const reason = (JSON.parse(last.stdout) as { attachments: { reason?: string }[] }).attachments[0]?.reason;
  console.log(
    [
      hostile.label,
      hostile.bytes.length,
      last.code,
      reason ?? "-",
      median(results.map((r) => r.ms)).toFixed(0),
      median(results.map((r) => r.rssMB)).toFixed(0),
    ].join(" | "),
  );
}
