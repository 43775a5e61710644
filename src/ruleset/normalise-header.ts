/**
 * Normalises a header or a header phrase to lower-case tokens, so that `Post_Code`, `post code`,
 * `PostCode` and `POST-CODE` all read `post code`, and `Address1`/`GE24` split their digits off.
 */
export function normaliseHeader(header: string): string[] {
  // "?" is a canvass code when it is the whole header; elsewhere it is punctuation.
  if (header.trim() === "?") return ["?"];
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/&/g, " and ")
    .toLowerCase()
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== "");
}

/** Whether `tokens` contains `phrase` as a contiguous run of tokens. */
export function containsPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
