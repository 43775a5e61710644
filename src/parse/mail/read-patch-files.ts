import type { AttachmentSource } from "../../model/attachment.js";

/**
 * The files a patch mail carries in its body (git format-patch, `diff --git` sections): for each
 * file the post-image of its hunks (context and added lines, in order), named by its path. A CSV
 * committed to a repository travels this way, not as an attachment. A binary file (`GIT binary
 * patch`) is given with no bytes, so a data file's name still makes it uninspectable, not unseen.
 * Deleted files carry nothing new and are left out.
 */
export function readPatchFiles(body: string): AttachmentSource[] {
  const files: AttachmentSource[] = [];
  let name: string | null = null;
  let lines: string[] = [];
  let inHunk = false;
  const flush = (): void => {
    if (name !== null)
      files.push({ filename: name, contentType: "", bytes: new TextEncoder().encode(lines.join("\n")) });
    name = null;
    lines = [];
    inHunk = false;
  };
  for (const raw of body.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("diff --git ")) {
      flush();
      // `diff --git a/x b/x`: provisional, `+++ b/x` below is exact even with spaces in the path.
      name = /^diff --git (?:"?a\/.*?"?) "?b\/(.*?)"?$/.exec(line)?.[1] ?? null;
      continue;
    }
    if (name === null) continue;
    if (!inHunk) {
      if (line.startsWith("+++ ")) {
        const target = line.slice(4);
        name = target === "/dev/null" ? null : target.replace(/^"?b\//, "").replace(/"$/, "");
      } else if (line.startsWith("deleted file mode")) name = null;
      else if (line.startsWith("@@")) inHunk = true;
      continue;
    }
    if (line.startsWith("@@")) continue;
    if (line.startsWith("+") || line.startsWith(" ")) lines.push(line.slice(1));
    else if (line.startsWith("-") || line.startsWith("\\")) continue;
    // Anything else ends the diff: git's signature (`-- `) or the next mail part.
    else if (line === "") lines.push("");
    else flush();
  }
  flush();
  return files;
}
