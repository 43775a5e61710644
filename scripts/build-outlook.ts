// `npm run build:outlook [-- --base-url https://HOST/PATH/ --policy FILE --id GUID --out DIR]`:
// writes the Outlook add-in (default dist/outlook/); docs/outlook-addin.md says how an admin deploys it.
// Needs dist/embedded.json, which `npm ci` / `npm run build` write.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildOutlook } from "./outlook-addin.js";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "https://localhost:3000/" },
    policy: { type: "string" },
    id: { type: "string" },
    out: { type: "string", default: "dist/outlook" },
  },
});
if (!existsSync("dist/embedded.json")) {
  console.error("dist/embedded.json is missing: run `npm run build` first");
  process.exit(3);
}
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
try {
  await buildOutlook({
    baseUrl: values["base-url"] ?? "",
    out: values.out ?? "dist/outlook",
    ...(values.policy !== undefined ? { policyPath: values.policy } : {}),
    ...(values.id !== undefined ? { id: values.id } : {}),
    version,
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(3);
}
console.log(`dist/outlook written for ${values["base-url"]}`);
