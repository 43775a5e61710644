#!/usr/bin/env node
// The contract's entry point: `node bin/guard.js ARGS` (and `guard` once installed).
let main;
try {
  ({ main } = await import("../dist/guard.js"));
} catch (error) {
  // Without a build there is nothing to run: say how to get one, exit 3 like any other error.
  process.stderr.write(
    `guard: not built (${error.code ?? error.message}); run \`npm ci\` or \`npm run build\` first\n`,
  );
  process.exit(3);
}
await main(process.argv);
