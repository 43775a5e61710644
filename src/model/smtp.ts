/** An SMTP reply: the three-digit code and the text after it (enhanced status code first). */
export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * One message as the SMTP filter received it: the exact bytes of DATA (dot-unstuffed), the
 * envelope, and what the upstream MTA told us about its own client (Postfix's XFORWARD).
 */
export interface ReceivedMessage {
  bytes: Uint8Array;
  /** Set when DATA went past the size limit: `bytes` is then incomplete and must not be judged. */
  tooLarge: boolean;
  /** The size DATA had, counted even past the limit. */
  size: number;
  mailFrom: string;
  /** MAIL FROM's parameters (BODY, SMTPUTF8, RET, ENVID), upper-case keys, `true` for a bare keyword. */
  mailParams: Record<string, string | true>;
  recipients: { address: string; params: Record<string, string | true> }[];
  /** XFORWARD attributes (NAME, ADDR, PORT, PROTO, HELO, IDENT, SOURCE); null for [UNAVAILABLE]. */
  xforward: Record<string, string | null>;
}
