#!/usr/bin/env node
// The contract's entry point: `node bin/guard.js ARGS` (and `guard` once installed).
import { main } from "../dist/guard.js";

await main(process.argv);
