import type { AddressIn } from "../model/draft.js";
import type { Policy } from "../model/policy.js";
import type { Recipient } from "../model/verdict.js";

/** Addresses as given on a command line: `Name <addr>`, `<addr>` or comma-separated lists, made bare. */
export function bareAddresses(args: string[]): string[] {
  return args
    .flatMap((arg) => arg.split(","))
    .map((arg) => /<([^<>]*)>\s*$/.exec(arg)?.[1] ?? arg.trim())
    .filter((address) => address !== "");
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

const within = (domain: string, base: string): boolean => domain === base || domain.endsWith(`.${base}`);

/**
 * Deduplicates recipients (case-insensitively) and marks each internal or external: internal when
 * its domain is the sender's, a subdomain of it, or a domain (or subdomain of one) the policy lists.
 */
export function classifyRecipients(
  addresses: AddressIn[],
  senderAddress: string | null,
  policy: Policy,
): Recipient[] {
  const internal = [...policy.internalDomains];
  if (senderAddress?.includes("@")) internal.push(domainOf(senderAddress));
  const seen = new Map<string, Recipient>();
  for (const { address, field } of addresses) {
    const key = address.trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    const domain = key.includes("@") ? domainOf(key) : "";
    seen.set(key, {
      address: address.trim(),
      domain,
      field,
      external: domain === "" || !internal.some((base) => within(domain, base)),
    });
  }
  return [...seen.values()];
}

/** Whether a recipient's domain is one the policy denies. */
export function isDenied(recipient: Recipient, policy: Policy): boolean {
  return policy.deniedDomains.some((base) => within(recipient.domain, base));
}
