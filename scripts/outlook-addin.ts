// Writes the Outlook Smart Alerts add-in (docs/outlook-addin.md): the handler as one classic ES2016
// script, the HTML page the browser runtime loads, both manifests and the icons. Used by
// scripts/build-outlook.ts (`npm run build:outlook`) and by the tests, which build into a temp folder.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { parsePolicyText } from "../src/ruleset/parse-rules.js";
import type { PolicyFile } from "../src/ruleset/policy-schema.js";
import { expandPatternsIn, lowerForEs2016 } from "./lower-for-es2016.js";

/** The handler's name in both manifests and in Office.actions.associate (src/outlook/handler.ts). */
export const HANDLER = "onMessageSendHandler";
/** The files the build writes, relative to the base URL. */
export const FILES = {
  script: "guard-handler.js",
  page: "commands.html",
  about: "about.html",
  xml: "manifest.xml",
  json: "manifest.json",
} as const;
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
/** The add-in's id unless the admin gives one; an organisation that forks guard should give its own. */
export const DEFAULT_ID = "6f1d6c2e-4b7a-4f53-9d1e-8a2c5e0b7f31";

export interface OutlookBuildOptions {
  /** Where the files will be served from: an https:// URL ending in "/". */
  baseUrl: string;
  out: string;
  /** A policy file (YAML) to judge by instead of the embedded default. */
  policyPath?: string;
  id?: string;
  version: string;
  /** False keeps the script readable, to debug it (default true: a smaller script loads faster). */
  minify?: boolean;
}

/** Problems with the options, all at once; empty when the build may go ahead. */
export function checkOptions(o: OutlookBuildOptions): string[] {
  const problems: string[] = [];
  if (!/^https:\/\/[^/\s"'<>&]+\/([^\s"'<>&]*\/)?$/.test(o.baseUrl))
    problems.push(
      `--base-url must be an https:// URL ending in "/" (Outlook loads add-ins over HTTPS only): ${o.baseUrl}`,
    );
  if (o.id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.id))
    problems.push(`--id must be a GUID: ${o.id}`);
  return problems;
}

function readPolicy(path: string | undefined): PolicyFile | null {
  if (path === undefined) return null;
  const parsed = parsePolicyText({ path, text: readFileSync(path, "utf8") });
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return parsed.value;
}

/**
 * pdf.js is left out of the add-in: it needs module syntax (a computed dynamic import) that ES2016
 * runtimes lack, and 3 MB more. Its import rejects, so a PDF ends as uninspectable (fail closed).
 */
const withoutPdfJs: Plugin = {
  name: "without-pdfjs",
  setup(b) {
    b.onResolve({ filter: /^pdfjs-dist(\/|$)/ }, (args) => ({ path: args.path, namespace: "no-pdfjs" }));
    b.onLoad({ filter: /.*/, namespace: "no-pdfjs" }, () => ({
      contents: 'throw new Error("PDF files are not read by the Outlook add-in");',
      loader: "js",
    }));
  },
};

/**
 * Bundles src/outlook/handler.ts into one classic script: IIFE, ES2016 syntax, rules embedded, and
 * what esbuild cannot lower lowered by lower-for-es2016.ts (property escapes, conditionals).
 */
async function buildScript(o: OutlookBuildOptions): Promise<void> {
  const embedded = expandPatternsIn(JSON.parse(readFileSync("dist/embedded.json", "utf8")));
  const policy = expandPatternsIn(readPolicy(o.policyPath));
  const bundle = async (entry: string, define: Record<string, string> = {}): Promise<string> => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2016",
      minify: o.minify !== false,
      legalComments: "none",
      define,
      logLevel: "warning",
      plugins: [withoutPdfJs],
    });
    return result.outputFiles[0].text;
  };
  // Two IIFEs in one file, polyfills first: esbuild's helpers take built-ins such as
  // Object.getOwnPropertyDescriptors when the bundle starts, before any module of it runs.
  const polyfills = await bundle("src/outlook/install-globals.ts");
  const handler = await bundle("src/outlook/handler.ts", {
    GUARD_EMBEDDED: JSON.stringify(embedded),
    GUARD_POLICY: JSON.stringify(policy),
  });
  writeFileSync(join(o.out, FILES.script), lowerForEs2016(`${polyfills}\n${handler}`));
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The add-in only (XML) manifest: Mailbox 1.12, one LaunchEvent OnMessageSend in Block mode. */
export function xmlManifest(o: OutlookBuildOptions): string {
  const url = (file: string) => xmlEscape(o.baseUrl + file);
  const images = ICON_SIZES.map(
    (s) => `        <bt:Image id="Icon.${s}" DefaultValue="${url(`icon-${s}.png`)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0" xsi:type="MailApp">
  <Id>${o.id ?? DEFAULT_ID}</Id>
  <Version>${o.version}.0</Version>
  <ProviderName>guard</ProviderName>
  <DefaultLocale>en-GB</DefaultLocale>
  <DisplayName DefaultValue="guard"/>
  <Description DefaultValue="Checks attachments and the message for personal data before Outlook sends it, and stops the send when the policy says so."/>
  <IconUrl DefaultValue="${url("icon-64.png")}"/>
  <HighResolutionIconUrl DefaultValue="${url("icon-128.png")}"/>
  <SupportUrl DefaultValue="${url(FILES.about)}"/>
  <AppDomains>
    <AppDomain>${xmlEscape(new URL(o.baseUrl).origin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemEdit">
      <DesktopSettings>
        <SourceLocation DefaultValue="${url(FILES.about)}"/>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <Permissions>ReadItem</Permissions>
  <Rule xsi:type="ItemIs" ItemType="Message" FormType="Edit"/>
  <DisableEntityHighlighting>true</DisableEntityHighlighting>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">
      <Requirements>
        <bt:Sets DefaultMinVersion="1.12">
          <bt:Set Name="Mailbox"/>
        </bt:Sets>
      </Requirements>
      <Hosts>
        <Host xsi:type="MailHost">
          <Runtimes>
            <!-- The page: Outlook on the web, new Outlook on Windows, Outlook on Mac. -->
            <Runtime resid="WebViewRuntime.Url">
              <!-- The script alone: classic Outlook on Windows (JavaScript-only runtime). -->
              <Override type="javascript" resid="JSRuntime.Url"/>
            </Runtime>
          </Runtimes>
          <DesktopFormFactor>
            <ExtensionPoint xsi:type="LaunchEvent">
              <LaunchEvents>
                <!-- Block: the mail is not sent when guard says so, nor when guard cannot load. -->
                <LaunchEvent Type="OnMessageSend" FunctionName="${HANDLER}" SendMode="Block"/>
              </LaunchEvents>
              <SourceLocation resid="WebViewRuntime.Url"/>
            </ExtensionPoint>
          </DesktopFormFactor>
        </Host>
      </Hosts>
      <Resources>
        <bt:Images>
${images.join("\n")}
        </bt:Images>
        <bt:Urls>
          <bt:Url id="WebViewRuntime.Url" DefaultValue="${url(FILES.page)}"/>
          <bt:Url id="JSRuntime.Url" DefaultValue="${url(FILES.script)}"/>
        </bt:Urls>
      </Resources>
    </VersionOverrides>
  </VersionOverrides>
</OfficeApp>
`;
}

/** The unified manifest for Microsoft 365 (not supported by Outlook on Mac: ship the XML one there). */
export function jsonManifest(o: OutlookBuildOptions): string {
  const mailbox = [{ name: "Mailbox", minVersion: "1.12" }];
  const manifest = {
    $schema: "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json",
    id: o.id ?? DEFAULT_ID,
    manifestVersion: "1.22",
    version: o.version,
    name: { short: "guard", full: "guard: personal data check before sending" },
    description: {
      short: "Checks a message for personal data before Outlook sends it.",
      full: "Checks attachments and the message for personal data before Outlook sends it, and stops the send when the policy says so.",
    },
    developer: {
      name: "guard",
      websiteUrl: o.baseUrl + FILES.about,
      privacyUrl: o.baseUrl + FILES.about,
      termsOfUseUrl: o.baseUrl + FILES.about,
    },
    icons: { outline: "icon-outline.png", color: "icon-color.png" },
    accentColor: "#1F4E79",
    localizationInfo: { defaultLanguageTag: "en-gb" },
    authorization: {
      permissions: { resourceSpecific: [{ name: "MailboxItem.Read.User", type: "Delegated" }] },
    },
    validDomains: [new URL(o.baseUrl).host],
    extensions: [
      {
        requirements: { scopes: ["mail"], capabilities: mailbox },
        runtimes: [
          {
            requirements: { capabilities: mailbox },
            id: "guard_runtime",
            type: "general",
            code: { page: o.baseUrl + FILES.page, script: o.baseUrl + FILES.script },
            lifetime: "short",
            actions: [{ id: HANDLER, type: "executeFunction" }],
          },
        ],
        autoRunEvents: [
          {
            requirements: { scopes: ["mail"], capabilities: mailbox },
            events: [{ type: "messageSending", actionId: HANDLER, options: { sendMode: "block" } }],
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The page the browser runtime loads: office.js from Microsoft's CDN (required), then the handler. */
export const commandsPage = (): string => `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>guard</title>
  <script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
  <script src="${FILES.script}"></script>
</head>
<body></body>
</html>
`;

const aboutPage = (): string => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>guard for Outlook</title></head>
<body>
  <h1>guard for Outlook</h1>
  <p>guard checks each message when you press Send: its attachments and text are read on your
  computer for personal data (names, addresses, voting intentions, ...), and the send is stopped
  when the organisation's policy says the data must not go to those recipients. Nothing leaves
  your computer. Ask your administrator about the policy.</p>
</body>
</html>
`;

/** A PNG of `size` x `size` pixels, each given by `pixel(x, y)` as RGBA. */
function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** guard's mark: a white ring on dark blue (the colour icon), or the ring alone (the outline icon). */
function icon(size: number, filled: boolean): Buffer {
  return png(size, (x, y) => {
    const r = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) / (size / 2);
    if (r > 0.55 && r < 0.8) return [255, 255, 255, 255];
    return filled ? [0x1f, 0x4e, 0x79, 255] : [0, 0, 0, 0];
  });
}

/** Builds the add-in into `o.out`. */
export async function buildOutlook(o: OutlookBuildOptions): Promise<void> {
  const problems = checkOptions(o);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  mkdirSync(o.out, { recursive: true });
  await buildScript(o);
  writeFileSync(join(o.out, FILES.xml), xmlManifest(o));
  writeFileSync(join(o.out, FILES.json), jsonManifest(o));
  writeFileSync(join(o.out, FILES.page), commandsPage());
  writeFileSync(join(o.out, FILES.about), aboutPage());
  for (const size of ICON_SIZES) writeFileSync(join(o.out, `icon-${size}.png`), icon(size, true));
  writeFileSync(join(o.out, "icon-color.png"), icon(192, true));
  writeFileSync(join(o.out, "icon-outline.png"), icon(32, false));
}
