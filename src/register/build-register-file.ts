import type { RegisterHeader } from "../model/register.js";
import { batchPeople, type Digest, hashPeople } from "./hash-people.js";
import { encodeRegister, mergeHashes } from "./register-file.js";

/** People hashed in one batch (what a worker is handed at once, too). */
export const BATCH_PEOPLE = 5000;

/**
 * A register file's bytes from people, hashed in this thread: only keyed hashes of their identity
 * keys are kept, sorted for binary search. Nothing in it lets someone without the key test a guess.
 * (guard register build hands the batches to the host's hasher, which may use other cores.)
 */
export function buildRegisterFile(
  people: Iterable<Partial<Record<RegisterHeader["fields"][number], string>>>,
  info: Omit<RegisterHeader, "people">,
  digest: Digest,
): Uint8Array {
  const chunks = [...batchPeople(people, info.fields, BATCH_PEOPLE)].map((batch) =>
    hashPeople(batch, digest),
  );
  const merged = mergeHashes(chunks);
  return encodeRegister({ ...info, people: merged.people }, merged.values);
}
