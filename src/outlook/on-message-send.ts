import { type Engine, inspectParsedDraft } from "../core.js";
import { completionFor, completionForError } from "./completion-for.js";
import type { OfficeApi, SendEvent } from "./office.js";
import { readComposeItem } from "./read-compose-item.js";

/** Whether the client can honour sendModeOverride (Mailbox 1.14), i.e. show Send Anyway on a warning. */
function canPromptUser(office: OfficeApi): boolean {
  try {
    return office.context.requirements?.isSetSupported("Mailbox", "1.14") === true;
  } catch {
    return false;
  }
}

/**
 * The OnMessageSend handler: reads the item, judges it with the engine (built on first use, so a
 * broken engine is a message to the user rather than an add-in that fails to load), and completes
 * the event exactly once. Any failure completes with allowEvent false: fail closed.
 */
export function makeOnMessageSend(office: OfficeApi, engine: () => Engine): (event: SendEvent) => void {
  return (event) => {
    let done = false;
    const complete = (options: Parameters<SendEvent["completed"]>[0]) => {
      if (done) return;
      done = true;
      event.completed(options);
    };
    Promise.resolve()
      .then(() => readComposeItem(office.context.mailbox.item))
      .then((draft) => inspectParsedDraft(draft, engine()))
      .then(
        (verdict) => complete(completionFor(verdict, canPromptUser(office))),
        (error) => complete(completionForError(error)),
      )
      .then(undefined, (error) => complete(completionForError(error)));
  };
}
