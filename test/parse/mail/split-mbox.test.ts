// Splitting an mbox into its messages, checked on mailboxes written by the real writers: Python's
// mailbox module (mboxo, quoting body lines that begin "From ") and git format-patch.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitMbox } from "../../../src/parse/mail/split-mbox.js";
import { hasProgram } from "../../integration/mail-kit.js";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const message = (subject: string, body: string) =>
  `From: agent@cnparty.org.uk\nTo: desk@radio-news.example\nSubject: ${subject}\n\n${body}`;

/** An mbox written by Python's mailbox module from the given messages. */
function pythonMbox(messages: string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "guard-mbox-"));
  try {
    const script = `import mailbox, sys, json
box = mailbox.mbox(sys.argv[1])
for m in json.loads(sys.argv[2]): box.add(mailbox.mboxMessage(m))
box.flush()`;
    execFileSync("python3", ["-c", script, join(dir, "box"), JSON.stringify(messages)]);
    return new Uint8Array(execFileSync("cat", [join(dir, "box")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `git format-patch` output for `commits` commits in a fresh repository, one file or all to stdout. */
function formatPatch(commits: number): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "guard-patch-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@cnparty.org.uk", ...args], {
      cwd: dir,
    });
  try {
    git("init", "-q");
    for (let i = 1; i <= commits; i++) {
      writeFileSync(join(dir, `notes-${i}.txt`), `From the ward meeting, item ${i}\n`);
      git("add", ".");
      git("commit", "-q", "-m", `Notes ${i}\n\nFrom the minutes:\nSubject: the budget`);
    }
    return new Uint8Array(git("format-patch", "--stdout", `--root`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasProgram("python3"))("splitMbox on Python's mailbox module", () => {
  it("splits two messages and undoes the >From quoting of their bodies", () => {
    const box = pythonMbox([
      message("One", "First.\n\nFrom the office: hello\n"),
      message("Two", "Second.\n"),
    ]);
    expect(dec(box)).toContain("\n>From the office");
    const parts = splitMbox(box).map(dec);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(
      /^From MAILER-DAEMON .*\nFrom: agent@cnparty\.org\.uk\n[\s\S]*\nFrom the office: hello\n/,
    );
    expect(parts[1]).toMatch(/^From MAILER-DAEMON .*\n[\s\S]*Subject: Two\n/);
  });

  it("keeps a mailbox of one message whole", () => {
    const box = pythonMbox([message("One", "Just this.\n")]);
    expect(splitMbox(box)).toEqual([box]);
  });
});

describe("splitMbox on git format-patch", () => {
  it("keeps one patch mail (its From line first) as one message", () => {
    const patch = formatPatch(1);
    expect(dec(patch)).toMatch(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n/);
    expect(splitMbox(patch)).toEqual([patch]);
  });

  it("splits a series written to standard output into its patches", () => {
    const parts = splitMbox(formatPatch(3)).map(dec);
    expect(parts.map((p) => /^Subject: (.*)$/m.exec(p)?.[1])).toEqual([
      "[PATCH 1/3] Notes 1",
      "[PATCH 2/3] Notes 2",
      "[PATCH 3/3] Notes 3",
    ]);
  });
});

describe("splitMbox", () => {
  const thunderbird = (subject: string) =>
    `From - Tue May 13 16:42:07 2008\r\nX-Mozilla-Status: 0000\r\nX-Mozilla-Status2: 00000000\r\n${message(subject, "Draft.\r\n").replace(/\n/g, "\r\n")}\r\n`;

  it("splits a Thunderbird Drafts folder with CRLF line ends", () => {
    const parts = splitMbox(enc(thunderbird("One") + thunderbird("Two"))).map(dec);
    expect(parts.map((p) => /^Subject: (.*)\r$/m.exec(p)?.[1])).toEqual(["One", "Two"]);
  });

  it("does not split on a body line starting 'From ' that no header follows, quoted or not", () => {
    const box = enc(`${thunderbird("One")}\r\nFrom the chair, with thanks\r\nAnn\r\n`);
    expect(splitMbox(box)).toHaveLength(1);
  });

  it("leaves a message without a From line whole, whatever its body holds", () => {
    const mail = enc(
      message("Fwd", "Below.\n\nFrom someone@example.org Tue May 13 16:42:07 2008\nSubject: old\n"),
    );
    expect(splitMbox(mail)).toEqual([mail]);
  });

  it("undoes mboxrd quoting one level at a time", () => {
    const box = enc(
      `From a Tue May 13 16:42:07 2008\n${message("One", ">From x\n>>From y\n")}\nFrom b Tue May 13 16:42:08 2008\n${message("Two", "z\n")}`,
    );
    expect(dec(splitMbox(box)[0])).toContain("\nFrom x\n>From y\n");
  });
});
