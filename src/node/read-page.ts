import { existsSync, readFileSync } from "node:fs";
import { err, ok, type Result } from "../model/result.js";

// web/guard.html beside dist/ in the package; when running from src/ (tests), the clone's.
const fromDist = new URL("../web/guard.html", import.meta.url);
const PAGE = existsSync(fromDist) ? fromDist : new URL("../../web/guard.html", import.meta.url);

/** The offline check page the build wrote (web/guard.html); an error when it was never built. */
export function readPage(): Result<string> {
  try {
    return ok(readFileSync(PAGE, "utf8"));
  } catch {
    return err("the offline page web/guard.html is missing: run npm run build");
  }
}
