/** The system's error codes a user meets, in words (issue 18: raw ENOENT/EISDIR told nobody anything). */
const WORDS: Record<string, string> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EEXIST: "already exists",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
};

/** A failed file operation's reason in words, with the code kept in brackets for searching. */
export function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && WORDS[code] !== undefined) return `${WORDS[code]} (${code})`;
  if (code !== undefined) return code;
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}
