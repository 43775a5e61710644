// `node scripts/run-ts.mjs scripts/bench-outlook.ts [RUNS]`: the Outlook handler on the Crewe draft,
// as classic Outlook runs it per send: a fresh ES2016-only runtime loads the built script, then
// OnMessageSend reads the item from a fake Office and completes. Prints each run and the median.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { es2016Sandbox } from "../test/outlook/es2016-sandbox.js";
import { installFakeOffice, itemFromEml } from "../test/outlook/fake-office.js";
import { buildOutlook, FILES, HANDLER } from "./outlook-addin.js";

const runs = Number(process.argv[2] ?? 5);
const out = mkdtempSync(join(tmpdir(), "guard-outlook-bench-"));
await buildOutlook({ baseUrl: "https://localhost/", out, version: "0.0.0" });
const script = new Script(readFileSync(join(out, FILES.script), "utf8"));
const item = await itemFromEml(readFileSync("fixtures/incidents/crewe-nantwich-2008.eml"));

const walls: number[] = [];
for (let run = 1; run <= runs; run++) {
  const sandbox = es2016Sandbox();
  const fake = installFakeOffice(sandbox, item);
  sandbox.run("var __completed = [];");
  const cpu = process.cpuUsage();
  const started = performance.now();
  script.runInContext(sandbox.context as never);
  fake.handlers[HANDLER](
    sandbox.run("({ completed: function (o) { __completed.push(JSON.stringify(o)); } })"),
  );
  while ((sandbox.run("__completed") as string[]).length === 0) await new Promise((r) => setImmediate(r));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const [completed] = sandbox.run("__completed") as string[];
  walls.push(wall);
  console.log(
    `run ${run}: ${(wall / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${JSON.stringify(completed).slice(0, 60)}...`,
  );
}
walls.sort((a, b) => a - b);
console.log(
  `bench outlook-crewe: median_s=${(walls[Math.floor(walls.length / 2)] / 1000).toFixed(2)} runs=${runs}`,
);
