// The part of Thunderbird's MailExtension API (TB 128+, manifest v3) the add-on uses, typed here
// because no maintained type package covers Thunderbird's own namespaces. Names and shapes follow
// the schemas in Thunderbird's omni.ja (compose.json, messenger_utilities.json, storage.json).

/** A recipient as the compose window holds it: a mailbox string, or a contact or list reference. */
export type ComposeRecipient = string | { id?: string; nodeId?: string; type: "contact" | "mailingList" };

/** The compose window's state (compose.getComposeDetails, and onBeforeSend's second argument). */
export interface ComposeDetails {
  from?: string;
  to?: ComposeRecipient | ComposeRecipient[];
  cc?: ComposeRecipient | ComposeRecipient[];
  bcc?: ComposeRecipient | ComposeRecipient[];
  subject?: string;
  isPlainText?: boolean;
  /** The HTML body. */
  body?: string;
  plainTextBody?: string;
}

/** A file attached in the compose window. */
export interface ComposeAttachment {
  id: number;
  name?: string;
  size?: number;
}

/** A tab (here: a compose window's tab). */
export interface Tab {
  id?: number;
  windowId?: number;
}

/** One parsed mailbox of messengerUtilities.parseMailboxString. */
export interface ParsedMailbox {
  name?: string;
  email?: string;
  group?: ParsedMailbox[];
}

/** A storage area (storage.local, storage.managed). */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set?(items: Record<string, unknown>): Promise<void>;
}

/** What a listener of compose.onBeforeSend may return. */
export interface BeforeSendResult {
  cancel?: boolean;
}

/** The APIs the add-on calls. */
export interface ThunderbirdApi {
  compose: {
    onBeforeSend: {
      addListener(listener: (tab: Tab, details: ComposeDetails) => Promise<BeforeSendResult>): void;
    };
    listAttachments(tabId: number): Promise<ComposeAttachment[]>;
    getAttachmentFile(attachmentId: number): Promise<Blob & { name?: string; type: string }>;
  };
  messengerUtilities: {
    parseMailboxString(text: string, options?: { expandMailingLists?: boolean }): Promise<ParsedMailbox[]>;
  };
  storage: { local: StorageArea & Required<Pick<StorageArea, "set">>; managed: StorageArea };
  runtime: {
    getURL(path: string): string;
    onMessage: {
      addListener(listener: (message: unknown, sender: { tab?: Tab }) => Promise<unknown> | undefined): void;
    };
  };
  windows: {
    create(options: {
      type: "popup";
      url: string;
      width?: number;
      height?: number;
    }): Promise<{ id?: number }>;
    onRemoved: { addListener(listener: (windowId: number) => void): void };
  };
}
