import fc from "fast-check";

// Property tests run the same inputs every time, so CI is repeatable; FC_SEED=n explores others
// (and a failure prints the seed and path that reproduce it).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });
