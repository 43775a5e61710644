// The dialog shown at Send: the verdict first, each finding with where it is and what to do, and
// the answers the policy allows. Closing the window is "Go back".
import type { DialogMessage } from "../ask-sender.js";
import type { DialogView, FindingView } from "../dialog-view.js";
import { type PageApi, setText } from "./page-api.js";

declare const browser: PageApi;

const id = Number(new URLSearchParams(location.search).get("id"));
const send = (message: DialogMessage): Promise<unknown> => browser.runtime.sendMessage(message);

function findingItem(f: FindingView): HTMLLIElement {
  const li = document.createElement("li");
  const head = document.createElement("div");
  const rule = document.createElement("span");
  rule.className = "rule";
  rule.textContent = `${f.action.toUpperCase()} ${f.rule}`;
  head.append(rule, f.where ? `  (${f.where})` : "");
  const text = document.createElement("div");
  text.textContent = f.text;
  const advice = document.createElement("div");
  advice.className = "advice";
  advice.textContent = `What to do: ${f.advice}`;
  li.append(head, text, advice);
  return li;
}

const STATUS: Record<DialogView["kind"], string> = {
  block: "The message was not sent. Go back to it, take the data out, and send again.",
  warn: "The message has not been sent yet. Send it anyway, or go back to it.",
  error: "The message was not sent. Try again; if it happens again, tell whoever looks after guard.",
};

async function answer(sendIt: boolean, reason?: string): Promise<void> {
  await send({ guard: "answer", id, send: sendIt, ...(reason ? { reason } : {}) });
  window.close();
}

/** Shows the buttons the view allows: send anyway (warn), send with a reason (block), go back. */
function wireButtons(view: DialogView): void {
  const back = document.getElementById("back") as HTMLButtonElement;
  const sendButton = document.getElementById("send") as HTMLButtonElement;
  const reason = document.getElementById("reason") as HTMLTextAreaElement;
  back.addEventListener("click", () => answer(false));
  if (view.kind === "warn") sendButton.hidden = false;
  if (view.kind === "block" && view.canOverride) {
    (document.getElementById("override") as HTMLElement).hidden = false;
    sendButton.hidden = false;
    sendButton.textContent = "Send with this reason";
    sendButton.disabled = true;
    reason.addEventListener("input", () => {
      sendButton.disabled = reason.value.trim() === "";
    });
  }
  if (view.kind !== "warn" && !view.canOverride) back.textContent = "Close";
  sendButton.addEventListener("click", () => answer(true, reason.value.trim() || undefined));
}

function render(view: DialogView): void {
  document.title = `guard: ${view.headline}`;
  setText("headline", view.headline).className = view.kind;
  setText("status", STATUS[view.kind]);
  document.getElementById("findings")?.append(...view.findings.map(findingItem));
  if (view.notLiftable.length > 0) {
    setText(
      "fixed",
      `No reason lifts ${view.notLiftable.join(", ")} under this policy: remove the data, or ask for a policy change.`,
    ).hidden = false;
  }
  setText("report", view.report);
  wireButtons(view);
}

async function main(): Promise<void> {
  const view = (await send({ guard: "view", id })) as DialogView | null;
  if (view === null) {
    setText("headline", "This check has ended.");
    return;
  }
  render(view);
  // Keeps the background (an event page) awake while the send waits on this answer.
  setInterval(() => send({ guard: "alive", id }).catch(() => {}), 10_000);
}

main().catch((error: unknown) => setText("headline", `guard: ${String(error)}`));
