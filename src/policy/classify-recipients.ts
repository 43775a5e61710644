import type { AddressIn } from "../model/draft.js";
import type { Policy } from "../model/policy.js";
import type { Recipient } from "../model/verdict.js";
import { organisationOf } from "./organisation-of.js";

/** Addresses as given on a command line: `Name <addr>`, `<addr>` or comma-separated lists, made bare. */
export function bareAddresses(args: string[]): string[] {
  return args
    .flatMap((arg) => arg.split(","))
    .map((arg) => /<([^<>]*)>\s*$/.exec(arg)?.[1] ?? arg.trim())
    .filter((address) => address !== "");
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

const within = (domain: string, base: string): boolean => domain === base || domain.endsWith(`.${base}`);

/** Whether a (lower-case) domain is a public mailbox provider's: listed, a subdomain of one, or `name.*`. */
export function isPublicMailDomain(domain: string, listed: readonly string[]): boolean {
  let name: string | undefined;
  return listed.some((entry) => {
    if (!entry.endsWith(".*")) return within(domain, entry);
    name ??= organisationOf(domain).name;
    return name === entry.slice(0, -2);
  });
}

/** Who a sender shares an organisation with: its registrable domain, or only its own address. */
type SenderScope = { organisation: string } | { address: string };

function scopeOf(sender: string, policy: Policy): SenderScope {
  const domain = domainOf(sender);
  // A public provider's users share nothing but the provider: a Gmail user's only colleague is
  // themself (CONTRACT.md: "Public mailbox providers are nobody's organisation").
  if (isPublicMailDomain(domain, policy.publicMailDomains)) return { address: sender };
  return { organisation: organisationOf(domain).domain };
}

/**
 * Deduplicates recipients (case-insensitively) and marks each internal or external. Internal is a
 * domain the policy lists (or a subdomain of one), or one internal for every From address: the same
 * registrable domain as that sender's (by the Public Suffix List), or, for a sender on a public
 * mailbox provider, that sender's own address. Without a From address every recipient is external.
 */
export function classifyRecipients(
  addresses: AddressIn[],
  senders: readonly string[],
  policy: Policy,
): Recipient[] {
  const scopes = senders
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.includes("@"))
    .map((s) => scopeOf(s, policy));
  const internal = (key: string, domain: string): boolean =>
    policy.internalDomains.some((base) => within(domain, base)) ||
    scopes.every((scope) =>
      "address" in scope ? scope.address === key : organisationOf(domain).domain === scope.organisation,
    );
  const seen = new Map<string, Recipient>();
  for (const { address, field } of addresses) {
    const key = address.trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    const domain = key.includes("@") ? domainOf(key) : "";
    seen.set(key, {
      address: address.trim(),
      domain,
      field,
      external: domain === "" || scopes.length === 0 || !internal(key, domain),
    });
  }
  return [...seen.values()];
}

/** Whether a recipient's domain is one the policy denies. */
export function isDenied(recipient: Recipient, policy: Policy): boolean {
  return policy.deniedDomains.some((base) => within(recipient.domain, base));
}
