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
  EBUSY: "the file is busy",
  ETXTBSY: "the program file is busy",
  ENOEXEC: "not a program this system can run",
  EADDRINUSE: "the address is already in use",
  EADDRNOTAVAIL: "the address is not one of this machine's",
  ECONNREFUSED: "the connection was refused (nothing listens there)",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host cannot be reached",
  ENOTFOUND: "the host name is unknown",
  EPIPE: "the other side closed the pipe",
};

/**
 * A failed system operation's reason in words, with the code kept in brackets for searching. A
 * code without words of ours takes Node's own description ("EXDEV: cross-device link not
 * permitted, rename ..." gives "cross-device link not permitted (EXDEV)"), never the bare code.
 */
export function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (typeof code !== "string") return message;
  const words = WORDS[code] ?? message.match(/^[A-Z][A-Z0-9_]+: ([^,]+)/)?.[1];
  return words !== undefined ? `${words} (${code})` : `${message} (${code})`;
}
