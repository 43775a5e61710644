import { describe, expect, it } from "vitest";
import { parseSendmailArgs } from "../../src/app/parse-sendmail-args.js";

describe("parseSendmailArgs", () => {
  it.each([
    [
      "git send-email",
      ["-i", "-f", "pat@cnparty.org.uk", "desk@news.example", "pat@cnparty.org.uk"],
      ["desk@news.example", "pat@cnparty.org.uk"],
      false,
    ],
    ["neomutt", ["-oem", "-oi", "--", "a@x.example", "b@y.example"], ["a@x.example", "b@y.example"], false],
    ["mutt with -t", ["-oi", "-t"], [], true],
    ["attached values", ["-fme@x", "-Fname", "-oi", "to@z.example"], ["to@z.example"], false],
    ["msmtp", ["-a", "work", "--from=me@x", "--read-envelope-from", "to@z.example"], ["to@z.example"], false],
    ["name and commas", ["Ann <ann@a.example>,bob@b.example"], ["ann@a.example", "bob@b.example"], false],
  ])("%s", (_name, args, recipients, readHeaders) => {
    expect(parseSendmailArgs(args)).toEqual({ recipients, readHeaders });
  });
});
