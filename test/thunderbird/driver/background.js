// Test only. Fetches the plan from the test's loopback server (port in config.js), opens one
// compose window per case, presses Send through compose.sendMessage (the Send button's path), and
// reports whether the send went through and which guard dialogs appeared. A dialog is closed as a
// person would close it ("Go back"). A cancelled send rejects with "Send aborted by an
// onBeforeSend event"; its window is then closed so the next case starts clean.
/* global DRIVER_PORT */
const base = `http://127.0.0.1:${DRIVER_PORT}`;

const post = (path, body) =>
  fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) }).catch(() => {});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fileOf(a) {
  const bytes = Uint8Array.from(atob(a.base64), (c) => c.charCodeAt(0));
  return new File([bytes], a.name, { type: a.type });
}

/**
 * Closes every open guard dialog (a popup whose title starts "guard:") and returns their titles.
 * For a case that asks for it, the test is told first (POST /dialog) and takes its screenshot.
 */
async function closeDialogs(c) {
  const titles = [];
  for (const win of await browser.windows.getAll({ populate: true })) {
    const tab = (win.tabs ?? [])[0];
    if (win.type !== "popup" || !tab?.title?.startsWith("guard:")) continue;
    titles.push(tab.title);
    if (c.screenshot) await post("/dialog", { id: c.id, title: tab.title });
    await browser.windows.remove(win.id).catch(() => {});
  }
  return titles;
}

async function runCase(c) {
  const tab = await browser.compose.beginNew({
    to: c.to,
    subject: c.subject,
    plainTextBody: c.body,
    isPlainText: true,
    attachments: c.attachments.map((a) => ({ file: fileOf(a) })),
  });
  const listed = await browser.compose.listAttachments(tab.id);
  const start = performance.now();
  let outcome;
  browser.compose.sendMessage(tab.id, { mode: "sendNow" }).then(
    () => {
      outcome = { sent: true, ms: performance.now() - start };
    },
    (e) => {
      outcome = { sent: false, error: String(e?.message ?? e), ms: performance.now() - start };
    },
  );
  const dialogs = [];
  const deadline = start + (c.timeoutMs ?? 60000);
  // While the send waits, a dialog that asks is answered by closing it; once the send has settled,
  // a dialog that only tells (a block) has a moment to appear.
  let settledAt;
  while (performance.now() < deadline) {
    await sleep(300);
    dialogs.push(...(await closeDialogs(c)));
    if (outcome && settledAt === undefined) settledAt = performance.now();
    if (settledAt !== undefined && (performance.now() - settledAt > 1500 || dialogs.length > 0)) break;
  }
  const report = outcome ?? { sent: false, error: "timeout", ms: performance.now() - start };
  if (!report.sent) await browser.tabs.remove(tab.id).catch(() => {});
  await post("/report", { id: c.id, ...report, ms: Math.round(report.ms), attached: listed.length, dialogs });
}

async function main() {
  try {
    const plan = await (await fetch(`${base}/plan`)).json();
    await sleep(plan.settleMs ?? 0);
    for (const c of plan.cases) await runCase(c);
  } catch (e) {
    await post("/report", { id: "driver", sent: false, error: String(e), ms: 0, dialogs: [] });
  }
  await post("/done", {});
}

main();
