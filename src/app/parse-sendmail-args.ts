import { bareAddresses } from "../policy/classify-recipients.js";
/** What guard needs from a sendmail command line: the envelope recipients and whether `-t` is on. */
export interface SendmailArgs {
  recipients: string[];
  /** `-t`: recipients are also read from the headers (guard always reads them). */
  readHeaders: boolean;
}

// sendmail(8) options that take their value as the next argument when it is not attached
// (`-f addr` or `-faddr`); msmtp's short options of the same kind are `-a` (account) and `-C`.
const WITH_VALUE = new Set(["f", "F", "r", "o", "O", "B", "N", "R", "V", "C", "L", "X", "h", "p", "a"]);
// msmtp's long options that take a separate value (`--from addr`); `--from=addr` needs no lookahead.
const LONG_WITH_VALUE = new Set(["--from", "--account", "--file", "--host", "--port", "--domain"]);

/**
 * Reads a sendmail command line (as git send-email, neomutt, s-nail and msmtp's callers write it):
 * every argument that is not an option (or an option's value) is a recipient, and so is everything
 * after `--`. Recipients may be comma-separated within one argument.
 */
export function parseSendmailArgs(args: string[]): SendmailArgs {
  const recipients: string[] = [];
  let readHeaders = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      recipients.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      if (arg === "--read-recipients") readHeaders = true;
      if (LONG_WITH_VALUE.has(arg)) i++;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const letter = arg[1];
      if (letter === "t" && arg.length === 2) readHeaders = true;
      // `-oi`, `-oem`: the value is attached; only a bare `-o` takes the next argument.
      if (WITH_VALUE.has(letter) && arg.length === 2) i++;
      continue;
    }
    recipients.push(arg);
  }
  return { recipients: bareAddresses(recipients), readHeaders };
}
