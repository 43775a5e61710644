import { describe, expect, it } from "vitest";
import { headerValues, readHeaders } from "../../../src/parse/mail/read-headers.js";
import { readPatchFiles } from "../../../src/parse/mail/read-patch-files.js";
import { removeHeader } from "../../../src/parse/mail/remove-header.js";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("readHeaders", () => {
  it("unfolds continuation lines and stops at the first empty line", () => {
    const fields = readHeaders(
      enc("Subject: a\r\n long one\r\nX-Guard-Override:  why\r\n\tnot\r\n\r\nX-Guard-Override: body\r\n"),
    );
    expect(fields).toEqual([
      { name: "Subject", value: "a long one" },
      { name: "X-Guard-Override", value: "why\tnot" },
    ]);
  });

  it("skips an mbox From line and compares names without regard to case", () => {
    const fields = readHeaders(
      enc("From 123 Mon Sep 17 00:00:00 2001\nfrom: a@b\nx-guard-override: ok\n\nbody"),
    );
    expect(headerValues(fields, "X-Guard-Override")).toEqual(["ok"]);
    expect(headerValues(fields, "From")).toEqual(["a@b"]);
  });

  it("reads a message without a body, and never throws on junk", () => {
    expect(readHeaders(enc("To: x@y"))).toEqual([{ name: "To", value: "x@y" }]);
    expect(readHeaders(enc(" \n:\nno colon\n"))).toEqual([]);
  });
});

describe("removeHeader", () => {
  it("removes the field and its continuation lines and leaves every other byte", () => {
    const message =
      "To: x@y\r\nX-Guard-Override: a\r\n b\r\nSubject: s\r\n\r\nX-Guard-Override: in the body\r\n";
    expect(dec(removeHeader(enc(message), "X-Guard-Override"))).toBe(
      "To: x@y\r\nSubject: s\r\n\r\nX-Guard-Override: in the body\r\n",
    );
  });

  it("returns the same bytes when the field is absent", () => {
    const message = "To: x@y\nX-Guard-Overrider: no\n\nbody";
    expect(dec(removeHeader(enc(message), "X-Guard-Override"))).toBe(message);
  });
});

describe("readPatchFiles", () => {
  const patch = [
    "Subject: [PATCH] Add data",
    "",
    "---",
    " voters.csv | 3 +++",
    "",
    "diff --git a/voters.csv b/voters.csv",
    "new file mode 100644",
    "index 0000000..1111111",
    "--- /dev/null",
    "+++ b/voters.csv",
    "@@ -0,0 +1,3 @@",
    "+Name,VI",
    "+Ann Lee,Con",
    "+Bob Ray,Lab",
    "diff --git a/README b/README",
    "--- a/README",
    "+++ b/README",
    "@@ -1,2 +1,2 @@",
    " keep",
    "-old",
    "+new",
    "diff --git a/gone.csv b/gone.csv",
    "deleted file mode 100644",
    "--- a/gone.csv",
    "+++ /dev/null",
    "@@ -1 +0,0 @@",
    "-x",
    "diff --git a/book.xlsx b/book.xlsx",
    "new file mode 100644",
    "GIT binary patch",
    "literal 10",
    "zcmZ",
    "-- ",
    "2.39.5",
  ].join("\n");

  it("gives each added or changed file's post-image, named by its path", () => {
    const files = readPatchFiles(patch);
    expect(files.map((f) => [f.filename, dec(f.bytes)])).toEqual([
      ["voters.csv", "Name,VI\nAnn Lee,Con\nBob Ray,Lab"],
      ["README", "keep\nnew"],
      ["book.xlsx", ""],
    ]);
  });

  it("finds nothing in a mail without a diff", () => {
    expect(readPatchFiles("Hello,\n\nsee you.\n")).toEqual([]);
  });
});
