import { type CommandOutput, output, usageError } from "./command-output.js";
import { CLIENTS, type Client, gitHookScript, installAdvice, wrapperScript } from "./hook-scripts.js";
import type { Host } from "./host.js";

/** Options of `guard hook install`. */
export interface HookInstallOptions {
  force?: boolean;
  path?: string;
  /** send, block or confirm (the default: a mail client hides a sent mail's warnings). */
  onWarn?: string;
  /** A policy file, by absolute path; without it the hook or wrapper finds one as guard does. */
  policy?: string;
}

/** The options a hook or wrapper passes to `guard hook run` or `guard sendmail`. */
function wrapperOptions(options: HookInstallOptions, host: InstallHost): string[] {
  const policy = options.policy !== undefined ? ["--policy", host.resolvePath(options.policy)] : [];
  return [`--on-warn=${options.onWarn ?? "confirm"}`, ...policy];
}

/** What installing a hook needs from its host. */
export type InstallHost = Pick<Host, "guardCommand" | "home" | "resolvePath" | "runGit" | "writeFile">;

const DEFAULT_SENDMAIL: Record<Exclude<Client, "git">, string[]> = {
  neomutt: ["/usr/sbin/sendmail"],
  mutt: ["/usr/sbin/sendmail"],
  msmtp: ["/usr/bin/msmtp"],
  "s-nail": ["/usr/sbin/sendmail"],
  mailx: ["/usr/sbin/sendmail"],
};

/** Where git looks for hooks here: `core.hooksPath` (also a global one) or the repository's hooks folder. */
function gitHookPath(host: InstallHost): string | null {
  const local = host.runGit(["rev-parse", "--git-path", "hooks/sendemail-validate"]);
  if (local.ok) return host.resolvePath(local.value);
  const global = host.runGit(["config", "--global", "core.hooksPath"]);
  if (!global.ok || global.value === "") return null;
  return host.resolvePath(global.value.replace(/^~(?=\/)/, host.home), "sendemail-validate");
}

/** Where the hook or wrapper goes: --path, else git's hook place, else ~/.local/bin. */
function installPath(client: Client, options: HookInstallOptions, host: InstallHost): string | null {
  if (options.path !== undefined) return host.resolvePath(options.path);
  if (client === "git") return gitHookPath(host);
  return host.resolvePath(host.home, ".local", "bin", client === "msmtp" ? "guard-msmtp" : "guard-sendmail");
}

/**
 * `guard hook install <client> [-- REAL_SENDMAIL ARGS...]`: writes git's validate hook or a
 * sendmail wrapper script, never over an existing file without `--force`, and says what it did.
 */
export function installHook(
  client: string,
  real: string[],
  options: HookInstallOptions,
  host: InstallHost,
): CommandOutput {
  if (!(CLIENTS as readonly string[]).includes(client))
    return usageError(`unknown client ${client}: one of ${CLIENTS.join(", ")}`);
  if (options.onWarn !== undefined && !["send", "block", "confirm"].includes(options.onWarn))
    return usageError(`--on-warn must be send, block or confirm, not ${options.onWarn}`);
  const c = client as Client;
  const guard = host.guardCommand();
  const path = installPath(c, options, host);
  if (path === null)
    return usageError(
      "not in a git repository and no global core.hooksPath: run it inside the repository, or give --path",
    );
  const text =
    c === "git"
      ? gitHookScript(guard, wrapperOptions(options, host))
      : wrapperScript(guard, real.length > 0 ? real : DEFAULT_SENDMAIL[c], wrapperOptions(options, host));
  const written = host.writeFile(path, text, { script: true, replace: options.force === true });
  if (!written.ok)
    return usageError(
      written.error.endsWith("(EEXIST)")
        ? `${path} exists; not overwritten (use --force to replace it)`
        : `cannot write ${path}: ${written.error}`,
    );
  const what = c === "git" ? "git's sendemail-validate hook" : "a sendmail wrapper";
  const advice = installAdvice(c, path).map((l) => `  ${l}\n`);
  return output(
    0,
    `guard: wrote ${what} to ${path}${options.force ? " (replacing any file there)" : ""}\n${advice.join("")}`,
  );
}
