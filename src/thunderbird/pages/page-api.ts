// The little of the MailExtension API the add-on's pages call (typed here, as in thunderbird-api.ts).

/** What the dialog and options pages use of `browser`. */
export interface PageApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: {
      get(keys: string | string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    managed: { get(keys: string | string[]): Promise<Record<string, unknown>> };
  };
}

/** Sets an element's text by id; a missing element is a page bug worth seeing at once. */
export function setText(id: string, text: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no #${id} on the page`);
  element.textContent = text;
  return element;
}
