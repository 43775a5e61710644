import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { nodePlatform } from "../../src/node/platform.js";
import type { ReadContext } from "../../src/parse/read-attachment.js";
import { isUkPhone, isUkPostcode } from "../../src/validators/index.js";

/** What readAttachment needs, as the core builds it: the Node platform and the default limits. */
export const testContext = (): ReadContext => ({
  platform: nodePlatform,
  limits: DEFAULT_LIMITS,
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
  checks: { phone: isUkPhone, postcode: isUkPostcode },
});
