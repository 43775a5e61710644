import type { DraftError } from "../model/draft.js";

const DRAFT_ERRORS: Record<DraftError, string> = {
  EMPTY: "the message is empty",
  NOT_A_MESSAGE: "it is not an email message (no header lines at the top)",
  MALFORMED: "the message is too malformed to read",
  TIMEOUT: "reading it took longer than the time limit",
};

/** Why a draft could not be read at all, in a few words. */
export const describeDraftError = (error: DraftError): string => DRAFT_ERRORS[error];
