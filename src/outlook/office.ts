// The slice of the Office JavaScript API (Mailbox requirement set 1.12+, compose mode) the
// handler uses, as documented in OfficeDev/office-js-docs-reference; no @types package is needed.

/** What every `...Async` call hands its callback. */
export interface AsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error?: { name?: string; message?: string; code?: number };
}

export type Callback<T> = (result: AsyncResult<T>) => void;

/** Office.EmailAddressDetails. */
export interface EmailAddressDetails {
  emailAddress: string;
  displayName?: string;
}

/** A recipients field of a message being composed (to, cc, bcc). */
export interface RecipientsField {
  getAsync(callback: Callback<EmailAddressDetails[]>): void;
}

/** Office.AttachmentDetailsCompose: `attachmentType` is "file", "item" or "cloud". */
export interface AttachmentDetails {
  id: string;
  name: string;
  size: number;
  attachmentType: string;
  isInline: boolean;
}

/** Office.AttachmentContent: `format` is "base64", "eml", "iCalendar" or "url". */
export interface AttachmentContent {
  format: string;
  content: string;
}

/** Office.MessageCompose, the item being sent. */
export interface ComposeItem {
  from: { getAsync(callback: Callback<EmailAddressDetails>): void };
  to: RecipientsField;
  cc: RecipientsField;
  bcc: RecipientsField;
  subject: { getAsync(callback: Callback<string>): void };
  body: { getAsync(coercionType: string, callback: Callback<string>): void };
  getAttachmentsAsync(callback: Callback<AttachmentDetails[]>): void;
  getAttachmentContentAsync(id: string, callback: Callback<AttachmentContent>): void;
}

/** Office.SmartAlertsEventCompletedOptions (Mailbox 1.12; sendModeOverride 1.14). */
export interface CompletedOptions {
  allowEvent: boolean;
  errorMessage?: string;
  sendModeOverride?: string;
}

/** The event an OnMessageSend handler receives. */
export interface SendEvent {
  completed(options: CompletedOptions): void;
}

/** The global `Office` object, as far as the handler touches it. */
export interface OfficeApi {
  context: {
    mailbox: { item: ComposeItem };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
  actions: { associate(name: string, handler: (event: SendEvent) => void): void };
}
