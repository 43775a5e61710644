/**
 * Compiles the public mailbox providers' list (rules/public-mail-domains.yaml and a policy's
 * additions) into a test on an address's domain: a listed domain or a subdomain of one, or, for a
 * `name.*` entry, a domain whose labels hold `name` before a suffix (`hotmail.co.uk`). The policy's
 * recipient check reads the same list by the Public Suffix List; the classifier only asks whether
 * an address is a person's own mailbox, so the plainer reading is enough here.
 */
export function matchMailDomain(listed: readonly string[]): (domain: string) => boolean {
  const exact = new Set(listed.filter((e) => !e.endsWith(".*")).map((e) => e.toLowerCase()));
  const names = new Set(listed.filter((e) => e.endsWith(".*")).map((e) => e.slice(0, -2).toLowerCase()));
  return (domain) => {
    const labels = domain.toLowerCase().split(".");
    for (let i = 0; i < labels.length - 1; i++) {
      if (exact.has(labels.slice(i).join("."))) return true;
      if (names.has(labels[i])) return true;
    }
    return false;
  };
}
