// A hand-written fake of the Office JavaScript API (Mailbox 1.12+, compose mode), run INSIDE the
// ES2016 sandbox so every value the handler touches (arrays, strings, results) belongs to that
// realm, as in Outlook. Callbacks come later, on a promise job, as Office's do; a call can be made
// to fail (Office's failed AsyncResult) or to throw (an API the client lacks).
import PostalMime from "postal-mime";
import type { Sandbox } from "./es2016-sandbox.js";

/** An attachment as Office lists it, with the content getAttachmentContentAsync gives. */
export interface FakeAttachment {
  name: string;
  attachmentType: "file" | "item" | "cloud";
  format: "base64" | "eml" | "iCalendar" | "url";
  content: string;
  isInline?: boolean;
  size?: number;
}

/** The message being sent, and how the fake Office behaves. */
export interface FakeItem {
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  attachments: FakeAttachment[];
  /** Calls that fail: the call's name (`to.getAsync`, `getAttachmentContentAsync:NAME`, ...) to Office's error name, or "throw". */
  fail?: Record<string, string>;
  /** The highest Mailbox requirement set the client supports (default 1.15). */
  mailbox?: string;
}

const FAKE = `(function (item) {
  var calls = [];
  function later(callback, result) { Promise.resolve().then(function () { callback(result); }); }
  function answer(name, value, callback) {
    calls.push(name);
    var failure = item.fail[name];
    if (failure === "throw") throw new Error(name + " is not supported by this client");
    if (failure) later(callback, { status: "failed", value: undefined, error: { name: failure, message: failure + " (fake)", code: 9001 } });
    else later(callback, { status: "succeeded", value: value });
  }
  function people(list) { return list.map(function (a) { return { emailAddress: a, displayName: a.split("@")[0] }; }); }
  function field(name, list) { return { getAsync: function (cb) { answer(name + ".getAsync", people(list), cb); } }; }
  var byId = {};
  var details = item.attachments.map(function (a, i) {
    byId["att" + i] = a;
    return { id: "att" + i, name: a.name, size: a.size || a.content.length, attachmentType: a.attachmentType, isInline: !!a.isInline };
  });
  var version = function (v) { var p = v.split("."); return Number(p[0]) * 1000 + Number(p[1] || 0); };
  var handlers = {};
  Office = {
    context: {
      mailbox: {
        item: {
          from: { getAsync: function (cb) { answer("from.getAsync", people([item.from])[0], cb); } },
          to: field("to", item.to), cc: field("cc", item.cc), bcc: field("bcc", item.bcc),
          subject: { getAsync: function (cb) { answer("subject.getAsync", item.subject, cb); } },
          body: { getAsync: function (coercion, cb) {
            answer("body.getAsync", coercion === "html" ? item.html : "(wrong coercion " + coercion + ")", cb);
          } },
          getAttachmentsAsync: function (cb) { answer("getAttachmentsAsync", details, cb); },
          getAttachmentContentAsync: function (id, cb) {
            var a = byId[id];
            answer("getAttachmentContentAsync:" + a.name, { format: a.format, content: a.content }, cb);
          }
        }
      },
      requirements: { isSetSupported: function (name, v) {
        return name === "Mailbox" && version(item.mailbox) >= version(v || "1.1");
      } }
    },
    actions: { associate: function (name, fn) { handlers[name] = fn; } }
  };
  return { handlers: handlers, calls: calls };
})`;

/** What the test reads back: the handlers the script associated and the calls it made. */
export interface FakeOffice {
  handlers: Record<string, (event: unknown) => void>;
  calls: string[];
}

/** Puts a fake `Office` global for `item` into the sandbox, before the handler script runs. */
export function installFakeOffice(sandbox: Sandbox, item: FakeItem): FakeOffice {
  const data = JSON.stringify({ cc: [], bcc: [], fail: {}, mailbox: "1.15", ...item });
  sandbox.run("var Office;");
  return sandbox.run(`${FAKE}(JSON.parse(${JSON.stringify(data)}))`) as FakeOffice;
}

/**
 * The item Outlook would show for a draft saved as .eml (the incident fixtures): its sender,
 * recipients, subject, HTML body (the plain text wrapped, as Outlook converts it) and each
 * attachment as base64, decoded by postal-mime rather than by guard's own parser.
 */
export async function itemFromEml(bytes: Uint8Array): Promise<FakeItem> {
  const email = await PostalMime.parse(bytes, { attachmentEncoding: "base64" });
  const list = (a: typeof email.to) => (a ?? []).map((x) => x.address ?? "").filter((x) => x !== "");
  const text = email.text ?? "";
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    from: email.from?.address ?? "",
    to: list(email.to),
    cc: list(email.cc),
    bcc: list(email.bcc),
    subject: email.subject ?? "",
    html: email.html ?? `<html><body><pre>${escaped}</pre></body></html>`,
    attachments: email.attachments.map((a) => ({
      name: a.filename ?? "attachment",
      attachmentType: "file" as const,
      format: "base64" as const,
      content: String(a.content),
    })),
  };
}

/**
 * Fires OnMessageSend at `handler` with an event object of the sandbox's own (as Outlook's is) and
 * waits for completed(); returns each argument it was given, as JSON, after a moment in which a
 * second call (a bug Outlook reports as an error) would show.
 */
export async function fireSend(sandbox: Sandbox, handler: (event: unknown) => void, timeoutMs = 120_000) {
  sandbox.run("var __completed = [];");
  handler(sandbox.run("({ completed: function (o) { __completed.push(JSON.stringify(o)); } })"));
  const list = () => sandbox.run("__completed") as string[];
  for (let waited = 0; list().length === 0 && waited < timeoutMs; waited += 5)
    await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  return list().map((s) => JSON.parse(s) as Record<string, unknown>);
}
