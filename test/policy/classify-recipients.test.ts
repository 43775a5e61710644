import { describe, expect, it } from "vitest";
import { classifyRecipients, isPublicMailDomain } from "../../src/policy/classify-recipients.js";
import { organisationOf } from "../../src/policy/organisation-of.js";
import { compilePolicy } from "../../src/ruleset/compile-policy.js";
import { parsePolicyText } from "../../src/ruleset/parse-rules.js";
import { testEngine } from "../helpers/rules.js";

const { policy } = testEngine();

/** The default policy with a policy file's YAML read over it. */
function policyWith(yaml: string) {
  const parsed = parsePolicyText({ path: "test.yaml", text: yaml });
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return compilePolicy(parsed.value, policy);
}

/** Whether each recipient is external when sent from `senders`, under `p`. */
const externalOf = (senders: string[], to: string[], p = policy): Record<string, boolean> =>
  Object.fromEntries(
    classifyRecipients(
      to.map((address) => ({ address, field: "to" as const })),
      senders,
      p,
    ).map((r) => [r.address, r.external]),
  );

describe("organisationOf (Public Suffix List, ICANN section)", () => {
  it.each([
    ["crewe.ourparty.org.uk", "ourparty.org.uk"],
    ["ourparty.org.uk", "ourparty.org.uk"],
    ["a.gov.uk", "a.gov.uk"],
    ["mail.b.gov.uk", "b.gov.uk"],
    ["lists.example.com", "example.com"],
    ["desk.radio-news.example", "radio-news.example"],
    // No registrable part: each is its own organisation.
    ["gov.uk", "gov.uk"],
    ["localhost", "localhost"],
    ["[192.0.2.1]", "[192.0.2.1]"],
  ])("%s belongs to %s", (domain, organisation) => {
    expect(organisationOf(domain).domain).toBe(organisation);
  });
});

describe("isPublicMailDomain with the shipped list", () => {
  it.each([
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "live.co.uk",
    "yahoo.co.uk",
    "icloud.com",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "talktalk.net",
    "plus.net",
    "aol.com",
    "proton.me",
  ])("%s is a public mailbox provider", (domain) => {
    expect(isPublicMailDomain(domain, policy.publicMailDomains)).toBe(true);
  });

  it.each(["ourparty.org.uk", "cnparty.org.uk", "example.com", "hotmailer.com", "a.gov.uk"])(
    "%s is not",
    (domain) => {
      expect(isPublicMailDomain(domain, policy.publicMailDomains)).toBe(false);
    },
  );
});

describe("classifyRecipients: internal means the sender's organisation", () => {
  it.each([
    ["a branch to its party", "agent@crewe.ourparty.org.uk", "hq@ourparty.org.uk", false],
    ["a party to its branch", "hq@ourparty.org.uk", "agent@crewe.ourparty.org.uk", false],
    ["one branch to another", "a@crewe.ourparty.org.uk", "b@nantwich.ourparty.org.uk", false],
    ["case does not matter", "Agent@OurParty.org.uk", "HQ@ourparty.ORG.uk", false],
    ["one council to another under gov.uk", "clerk@a.gov.uk", "clerk@b.gov.uk", true],
    ["a party to another party under org.uk", "agent@ourparty.org.uk", "agent@theirparty.org.uk", true],
    ["a party to a look-alike domain", "agent@ourparty.org.uk", "agent@ourparty.org.uk.evil.example", true],
    ["Gmail to another Gmail user", "volunteer@gmail.com", "journalist@gmail.com", true],
    ["Gmail to googlemail", "volunteer@gmail.com", "friend@googlemail.com", true],
    ["Gmail to the sender's own address", "volunteer@gmail.com", "Volunteer@Gmail.com", false],
    ["hotmail.co.uk to hotmail.co.uk", "a@hotmail.co.uk", "b@hotmail.co.uk", true],
    ["BT Internet to BT Internet", "a@btinternet.com", "b@btinternet.com", true],
    ["a party to a Gmail user", "agent@ourparty.org.uk", "volunteer@gmail.com", true],
  ])("%s (%s to %s): external %s", (_what, from, to, external) => {
    expect(externalOf([from], [to])[to]).toBe(external);
  });

  it("a public-provider sender still reaches the policy's internal domains internally", () => {
    const p = policyWith("internalDomains: [ourparty.org.uk]\n");
    expect(externalOf(["volunteer@gmail.com"], ["hq@ourparty.org.uk", "x@gmail.com"], p)).toEqual({
      "hq@ourparty.org.uk": false,
      "x@gmail.com": true,
    });
  });

  it("a policy's publicMailDomains add to the shipped list", () => {
    const p = policyWith("publicMailDomains: [freemail.example, webpost.*]\n");
    expect(externalOf(["a@freemail.example"], ["b@freemail.example"], p)["b@freemail.example"]).toBe(true);
    expect(externalOf(["a@webpost.co.uk"], ["b@webpost.co.uk"], p)["b@webpost.co.uk"]).toBe(true);
    expect(externalOf(["a@gmail.com"], ["b@gmail.com"], p)["b@gmail.com"]).toBe(true);
    expect(externalOf(["a@ourparty.org.uk"], ["b@ourparty.org.uk"], p)["b@ourparty.org.uk"]).toBe(false);
  });

  it("with several From addresses, internal only when internal for each", () => {
    const senders = ["agent@ourparty.org.uk", "volunteer@gmail.com"];
    expect(externalOf(senders, ["hq@ourparty.org.uk", "volunteer@gmail.com"])).toEqual({
      "hq@ourparty.org.uk": true,
      "volunteer@gmail.com": true,
    });
    const both = ["a@crewe.ourparty.org.uk", "b@ourparty.org.uk"];
    expect(externalOf(both, ["hq@ourparty.org.uk"])["hq@ourparty.org.uk"]).toBe(false);
  });

  it("without a From address every recipient is external, the policy's internal domains too", () => {
    const p = policyWith("internalDomains: [ourparty.org.uk]\n");
    expect(externalOf([], ["hq@ourparty.org.uk"], p)["hq@ourparty.org.uk"]).toBe(true);
    expect(externalOf(["undisclosed"], ["hq@ourparty.org.uk"], p)["hq@ourparty.org.uk"]).toBe(true);
  });

  it("counts each address once, whichever field it came in", () => {
    const recipients = classifyRecipients(
      [
        { address: "hq@ourparty.org.uk", field: "to" },
        { address: "HQ@ourparty.org.uk ", field: "cc" },
        { address: "hq@ourparty.org.uk", field: "envelope" },
      ],
      ["agent@ourparty.org.uk"],
      policy,
    );
    expect(recipients).toEqual([
      { address: "hq@ourparty.org.uk", domain: "ourparty.org.uk", field: "to", external: false },
    ]);
  });
});

describe("publicMailDomains in a policy file", () => {
  it("rejects what is neither a domain nor `name.*`, naming the entry", () => {
    const parsed = parsePolicyText({ path: "p.yaml", text: "publicMailDomains: [gmail, '*.example']\n" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error.map((p) => p.split(": ").slice(0, 2).join(": "))).toEqual([
        "p.yaml: publicMailDomains.0",
        "p.yaml: publicMailDomains.1",
      ]);
  });
});
