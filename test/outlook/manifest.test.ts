import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ID,
  FILES,
  HANDLER,
  ICON_SIZES,
  type OutlookBuildOptions,
} from "../../scripts/outlook-addin.js";
import { BASE_URL, buildAddin, builtText } from "./built-addin.js";

// Microsoft's manifest validator needs the network and no XSD ships in an npm package, so the
// manifests are checked here element by element against what the docs require
// (OfficeDev/office-js-docs-reference docs/manifest/*.md: officeapp, versionoverrides, runtimes,
// override, launchevent, desktopformfactor, resources; Smart Alerts walkthrough for both manifests).
let addin: OutlookBuildOptions;
let root: Element;
beforeAll(async () => {
  addin = await buildAddin();
  const doc = parseDocument(builtText(addin, FILES.xml), { xmlMode: true });
  root = doc.children.find((n): n is Element => n.type === "tag") as Element;
}, 180_000);

const kids = (el: Element): Element[] => el.children.filter((n): n is Element => n.type === "tag");
const names = (el: Element): string[] => kids(el).map((k) => k.name);
function child(el: Element, name: string, type?: string): Element {
  const found = kids(el).filter(
    (k) => k.name === name && (type === undefined || k.attribs["xsi:type"] === type),
  );
  expect(found, `${el.name} has one <${name}${type ? ` xsi:type="${type}"` : ""}>`).toHaveLength(1);
  return found[0];
}
const text = (el: Element): string =>
  el.children
    .map((n) => ("data" in n ? n.data : ""))
    .join("")
    .trim();
const path = (...steps: [string, string?][]): Element =>
  steps.reduce((el, [name, type]) => child(el, name, type), root);
const overrides = () =>
  path(["VersionOverrides", "VersionOverridesV1_0"], ["VersionOverrides", "VersionOverridesV1_1"]);
const resources = (kind: "bt:Urls" | "bt:Images") =>
  new Map(
    kids(child(child(overrides(), "Resources"), kind)).map((r) => [r.attribs.id, r.attribs.DefaultValue]),
  );

describe("the add-in only manifest (XML)", () => {
  it("is a MailApp whose root children are the schema's, in the schema's order", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attribs).toMatchObject({
      xmlns: "http://schemas.microsoft.com/office/appforoffice/1.1",
      "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      "xmlns:bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
      "xsi:type": "MailApp",
    });
    // The MailApp sequence; Id, Version, ProviderName, DefaultLocale, DisplayName, Description,
    // FormSettings and Rule are required for mail add-ins (officeapp.md, "Must contain").
    expect(names(root)).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "FormSettings",
      "Permissions",
      "Rule",
      "DisableEntityHighlighting",
      "VersionOverrides",
    ]);
  });

  it("has a GUID id, a four-part version, a locale, and the least permission the handler needs", () => {
    expect(text(child(root, "Id"))).toBe(DEFAULT_ID);
    expect(text(child(root, "Version"))).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(text(child(root, "DefaultLocale"))).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    for (const name of ["DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl"])
      expect(child(root, name).attribs.DefaultValue, name).toBeTruthy();
    // getAttachmentContentAsync, body and recipients need "read item"; nothing is written.
    expect(text(child(root, "Permissions"))).toBe("ReadItem");
    expect(path(["Hosts"], ["Host"]).attribs.Name).toBe("Mailbox");
    expect(child(root, "Rule").attribs).toMatchObject({
      "xsi:type": "ItemIs",
      ItemType: "Message",
      FormType: "Edit",
    });
    expect(
      path(["FormSettings"], ["Form", "ItemEdit"], ["DesktopSettings"], ["SourceLocation"]).attribs
        .DefaultValue,
    ).toBe(BASE_URL + FILES.about);
  });

  it("asks for Mailbox 1.12, where OnMessageSend starts", () => {
    const sets = child(child(overrides(), "Requirements"), "bt:Sets");
    expect(sets.attribs.DefaultMinVersion).toBe("1.12");
    expect(kids(sets).map((s) => s.attribs.Name)).toEqual(["Mailbox"]);
  });

  it("launches the handler on OnMessageSend in Block mode, from the page or (classic Windows) the script", () => {
    const host = child(child(overrides(), "Hosts"), "Host", "MailHost");
    expect(names(host)).toEqual(["Runtimes", "DesktopFormFactor"]);
    const runtime = child(child(host, "Runtimes"), "Runtime");
    const override = child(runtime, "Override");
    expect(override.attribs.type).toBe("javascript");
    const point = child(child(host, "DesktopFormFactor"), "ExtensionPoint", "LaunchEvent");
    const events = kids(child(point, "LaunchEvents"));
    expect(events.map((e) => e.attribs)).toEqual([
      { Type: "OnMessageSend", FunctionName: HANDLER, SendMode: "Block" },
    ]);
    // The extension point names the same runtime as <Runtime>.
    expect(child(point, "SourceLocation").attribs.resid).toBe(runtime.attribs.resid);
    const urls = resources("bt:Urls");
    expect(urls.get(runtime.attribs.resid)).toBe(BASE_URL + FILES.page);
    expect(urls.get(override.attribs.resid)).toBe(BASE_URL + FILES.script);
  });

  it("defines every resid it uses, each at most 32 characters, every URL https under the base URL, every file built", () => {
    const xml = builtText(addin, FILES.xml);
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    const defined = new Map([...resources("bt:Urls"), ...resources("bt:Images")]);
    for (const resid of used) {
      expect(defined.has(resid), resid).toBe(true);
      expect(resid.length).toBeLessThanOrEqual(32);
    }
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(BASE_URL), url).toBe(true);
      expect(existsSync(join(addin.out, url.slice(BASE_URL.length))), url).toBe(true);
    }
    expect([...resources("bt:Images").keys()]).toEqual(ICON_SIZES.map((s) => `Icon.${s}`));
  });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe("the unified manifest (JSON) and the files", () => {
  it("declares the same add-in, runtime and handler, in block mode", () => {
    const m = JSON.parse(builtText(addin, FILES.json));
    expect(m).toMatchObject({ id: DEFAULT_ID, manifestVersion: "1.22", version: "0.1.0" });
    const [extension] = m.extensions;
    expect(extension.requirements).toEqual({
      scopes: ["mail"],
      capabilities: [{ name: "Mailbox", minVersion: "1.12" }],
    });
    const [runtime] = extension.runtimes;
    expect(runtime).toMatchObject({
      type: "general",
      lifetime: "short",
      code: { page: BASE_URL + FILES.page, script: BASE_URL + FILES.script },
      actions: [{ id: HANDLER, type: "executeFunction" }],
    });
    expect(extension.autoRunEvents[0].events).toEqual([
      { type: "messageSending", actionId: HANDLER, options: { sendMode: "block" } },
    ]);
    expect(m.authorization.permissions.resourceSpecific).toEqual([
      { name: "MailboxItem.Read.User", type: "Delegated" },
    ]);
    expect(m.validDomains).toEqual([new URL(BASE_URL).host]);
    expect(pngSize(join(addin.out, m.icons.color))).toEqual([192, 192]);
    expect(pngSize(join(addin.out, m.icons.outline))).toEqual([32, 32]);
  });

  it("has icons of the sizes the XML names", () => {
    for (const size of ICON_SIZES) expect(pngSize(join(addin.out, `icon-${size}.png`))).toEqual([size, size]);
  });

  it("serves the browser runtime a page that loads office.js from Microsoft, then the handler", () => {
    const page = builtText(addin, FILES.page);
    const scripts = [...page.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", FILES.script]);
  });

  it("refuses a base URL that is not https or does not end in /", async () => {
    for (const baseUrl of ["http://guard.example.org/", "https://guard.example.org/outlook"])
      await expect(buildAddin({ baseUrl })).rejects.toThrow(
        /--base-url must be an https:\/\/ URL ending in "\/"/,
      );
  });
});
