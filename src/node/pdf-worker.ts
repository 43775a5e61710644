// Worker entry (dist/pdf-worker.js): reads one PDF with pdf.js and posts the result back. It runs
// in a worker with a heap limit, so a damaged PDF that makes pdf.js allocate without end costs this
// worker, not the guard. Running text is read for phone numbers and postcodes by the validators.
import { parentPort, workerData } from "node:worker_threads";
import type { Limits } from "../model/limits.js";
import { readPdf } from "../parse/documents/read-pdf.js";
import { isUkPhone, isUkPostcode } from "../validators/index.js";

const { bytes, limits, prefix } = workerData as { bytes: Uint8Array; limits: Limits; prefix: string };
const checks = { phone: isUkPhone, postcode: isUkPostcode };
parentPort?.postMessage(await readPdf(bytes, { limits, prefix, checks }));
