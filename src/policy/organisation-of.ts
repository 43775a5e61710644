import { parse } from "tldts-icann";

/** A domain's organisation: its registrable domain and the name in it before the public suffix. */
export interface Organisation {
  /** `ourparty.org.uk` for `crewe.ourparty.org.uk`; the domain itself where the PSL names none. */
  domain: string;
  /** `ourparty`: what a `name.*` entry of the public mailbox list is compared with. */
  name: string;
}

/**
 * The organisation a (lower-case) mail domain belongs to, by the Public Suffix List's ICANN section
 * (tldts-icann): `a.gov.uk` and `b.gov.uk` are two, `crewe.ourparty.org.uk` is `ourparty.org.uk`.
 * A domain the list gives no registrable part (an IP literal, `localhost`, a bare suffix) is its
 * own organisation, so it matches only itself.
 */
export function organisationOf(domain: string): Organisation {
  const parsed = parse(domain);
  if (parsed.domain === null) return { domain, name: domain };
  return { domain: parsed.domain, name: parsed.domainWithoutSuffix ?? parsed.domain };
}
