/** The mail clients `guard hook install` knows. */
export const CLIENTS = ["git", "neomutt", "mutt", "msmtp", "s-nail", "mailx"] as const;

export type Client = (typeof CLIENTS)[number];

/** Quotes one word for a POSIX shell: as it is when safe, else in single quotes. */
export const shellQuote = (word: string): string =>
  /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

const line = (words: string[]): string => words.map(shellQuote).join(" ");

/**
 * git's `sendemail-validate` hook: judges each mail (`$1`, plus `$2`, the SMTP headers, from
 * git 2.41). With `--on-warn` given, `hook run` answers as a hook: 0 lets the mail go, anything
 * else stops the whole series before anything is sent, which is how git treats any non-zero
 * status; so a mail held for confirmation stops it, and running git send-email again sends it.
 */
export function gitHookScript(guard: string[], options: string[]): string {
  return `#!/bin/sh
# Installed by \`guard hook install git\`: git send-email refuses a series when guard blocks a mail
# (and, with --on-warn=confirm, holds a mail with warnings until git send-email is run again).
exec ${line([...guard, "hook", "run", "git", ...options])} "$@"
`;
}

/**
 * A sendmail wrapper for clients that take a program path (neomutt's and mutt's `$sendmail`,
 * s-nail's `mta`, git's `--smtp-server`). A script rather than options inside `$sendmail`,
 * because neomutt moves its own arguments around a `--` found there.
 */
export function wrapperScript(guard: string[], realSendmail: string[], options: string[] = []): string {
  return `#!/bin/sh
# Installed by \`guard hook install\`: checks the message, then hands the same bytes to the real sendmail.
exec ${line([...guard, "sendmail", ...options, "--", ...realSendmail])} "$@"
`;
}

/** What to do after installing, per client: the one line of configuration to add, and where. */
export function installAdvice(client: Client, path: string): string[] {
  const p = shellQuote(path);
  switch (client) {
    case "git":
      return [
        "git send-email now runs it for every mail; a blocked mail stops the series before anything is sent,",
        "and a mail with warnings is held once: run git send-email again to send it (--on-warn).",
      ];
    case "neomutt":
    case "mutt":
      return [
        `Add to your ${client === "mutt" ? "muttrc" : "neomuttrc"}:  set sendmail="${path}"`,
        "A refused message is not sent; the reasons show in the pager and the draft is kept.",
      ];
    case "msmtp":
      return [
        `Use it wherever msmtp was the sendmail: neomutt  set sendmail="${path}"`,
        `  git  git config sendemail.smtpServer ${p}     s-nail  set mta=${p}`,
      ];
    case "s-nail":
    case "mailx":
      return [
        `Add to ~/.mailrc:  set mta=${p}   (or once: ${client} -S mta=${p} ...)`,
        "A refused message is not sent: it is saved in ~/dead.letter (see the `DEAD` variable).",
      ];
  }
}
