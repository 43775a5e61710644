import type { DialogView } from "./dialog-view.js";
import type { ThunderbirdApi } from "./thunderbird-api.js";

/** The sender's answer: go back to the message, or send it (with a justification, for a block). */
export type Answer = { send: false } | { send: true; reason?: string };

/** A message from the dialog page to the background. */
export type DialogMessage =
  | { guard: "view"; id: number }
  | { guard: "answer"; id: number; send: boolean; reason?: string }
  | { guard: "alive"; id: number };

interface Pending {
  view: DialogView;
  answer: (answer: Answer) => void;
  windowId?: number;
}

/** Opens the guard's dialogs and collects the sender's answers. */
export interface Dialogs {
  /** Shows the view and waits: closing the window is "Go back". */
  ask(view: DialogView): Promise<Answer>;
  /** Shows the view when the send is already stopped and nothing is asked. */
  tell(view: DialogView): Promise<void>;
}

function isDialogMessage(message: unknown): message is DialogMessage {
  const m = message as Partial<DialogMessage> | null;
  return typeof m === "object" && m !== null && typeof m.guard === "string" && typeof m.id === "number";
}

/**
 * The dialog windows (pages/dialog.html) and their answers. The page asks for its view by id and
 * sends back the answer; it also pings while open, since a manifest v3 background is an event
 * page that Thunderbird may stop when idle, and the send waits on it.
 */
export function createDialogs(api: ThunderbirdApi): Dialogs {
  const pending = new Map<number, Pending>();
  let next = 1;
  const settle = (id: number, answer: Answer): void => {
    const entry = pending.get(id);
    pending.delete(id);
    entry?.answer(answer);
  };
  api.runtime.onMessage.addListener((message) => {
    if (!isDialogMessage(message)) return undefined;
    const entry = pending.get(message.id);
    if (message.guard === "view") return Promise.resolve(entry?.view ?? null);
    if (message.guard === "answer") {
      const reason = message.reason?.trim();
      settle(message.id, message.send ? { send: true, ...(reason ? { reason } : {}) } : { send: false });
    }
    return Promise.resolve(entry !== undefined);
  });
  api.windows.onRemoved.addListener((windowId) => {
    for (const [id, entry] of pending) if (entry.windowId === windowId) settle(id, { send: false });
  });
  const open = async (view: DialogView, answer: (a: Answer) => void): Promise<void> => {
    const id = next++;
    const entry: Pending = { view, answer };
    pending.set(id, entry);
    const url = api.runtime.getURL(`pages/dialog.html?id=${id}`);
    const created = await api.windows.create({ type: "popup", url, width: 640, height: 560 });
    entry.windowId = created.id;
  };
  return {
    ask: (view) => new Promise<Answer>((resolve, reject) => open(view, resolve).catch(reject)),
    tell: (view) => open(view, () => {}),
  };
}
