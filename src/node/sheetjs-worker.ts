// Worker entry (dist/sheetjs-worker.js): reads one xls/ods/xlsb workbook with SheetJS and posts
// the result back. It runs in a worker with a heap limit, so a damaged file that makes SheetJS
// allocate without end costs this worker, not the guard.
import { parentPort, workerData } from "node:worker_threads";
import type { Limits } from "../model/limits.js";
import { readWithSheetJs } from "../parse/sheetjs/read-sheetjs.js";

const { bytes, limits, prefix } = workerData as { bytes: Uint8Array; limits: Limits; prefix: string };
parentPort?.postMessage(await readWithSheetJs(bytes, { limits, prefix }));
