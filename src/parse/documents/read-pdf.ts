import { type Limits, limitMet } from "../../model/limits.js";
import type { PdfRead } from "../../model/platform.js";
import type { RawTable, ReadIssue } from "../../model/table.js";
import { type IdentifierChecks, identifiersIn, readPeopleList } from "../body/read-people-list.js";
import { TableBuilder } from "../table-builder.js";
import { type PlacedText, rebuildPdfTables } from "./rebuild-pdf-tables.js";

/** What readPdf needs besides the bytes. */
export interface PdfContext {
  limits: Limits;
  /** Put before every table name, e.g. `inner.zip/report.pdf#`. */
  prefix?: string;
  /** How to tell phone numbers and postcodes in running text; without them only email addresses. */
  checks?: IdentifierChecks;
}

/** The part of pdf.js used here (pdfjs-dist's legacy build, which runs on Node 20). */
interface PdfJs {
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  /** The EmbeddedFiles name tree: name -> file. */
  getAttachments(): Promise<Record<string, PdfFile> | null>;
  /** Form fields by name; each widget with its value. */
  getFieldObjects(): Promise<Record<string, { value?: unknown; type?: string }[]> | null>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number }[] }>;
  getAnnotations(): Promise<{ annotationType?: number; file?: PdfFile }[]>;
}
interface PdfFile {
  filename?: string;
  content?: Uint8Array;
}

/** pdf.js's AnnotationType.FILEATTACHMENT: a file pinned to a page. */
const FILE_ATTACHMENT = 17;

/**
 * Loaded on first use, so a mail without a PDF never pays for pdf.js (~200 ms to import). Its
 * worker's message handler is put where pdf.js looks for one in this thread (`pdfjsWorker`), so it
 * parses here, in the thread the host isolated for it, and needs no worker file beside the bundle.
 */
let pdfJs: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfJs ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return (await import("pdfjs-dist/legacy/build/pdf.mjs")) as unknown as PdfJs;
  })();
  return pdfJs;
}

const EMAILS_ONLY: IdentifierChecks = { phone: () => false, postcode: () => false };
// Image XObjects are streams, and a stream's dictionary is never packed into an object stream
// (ISO 32000-1 §7.5.7), so their Subtype stands in the file as written.
const IMAGE_XOBJECT = /\/Subtype\s*\/Image\b/;

/**
 * Reads the tables of a PDF: text placed on its pages rebuilt into rows and columns (see
 * rebuild-pdf-tables.ts), and the people its running text names, counted as a message body's are.
 * Up to `limits.maxPdfPages` pages; past them a TOO_LARGE issue. A password is ENCRYPTED, damage
 * CORRUPT; a PDF with no text but images (a scan) says so, for the caller to skip it as images.
 */
export async function readPdf(bytes: Uint8Array, ctx: PdfContext): Promise<PdfRead> {
  const prefix = ctx.prefix ?? "";
  const path = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: PlacedText[][] = [];
    const files = await embeddedFiles(doc);
    const last = Math.min(doc.numPages, ctx.limits.maxPdfPages);
    for (let n = 1; n <= last; n++) {
      const page = await doc.getPage(n);
      pages.push(placedText(await page.getTextContent()));
      files.push(...attachedFiles(await page.getAnnotations()));
    }
    const issues: ReadIssue[] =
      doc.numPages > last
        ? [
            {
              code: "TOO_LARGE",
              path,
              detail: `${doc.numPages} pages, over the limit of ${last}`,
              limit: limitMet(ctx.limits, "maxPdfPages"),
            },
          ]
        : [];
    const fields = await formFields(doc);
    const carried = files.length > 0 ? { files } : {};
    const textFound = pages.some((page) => page.length > 0);
    if (!textFound && fields.length === 0 && files.length === 0 && issues.length === 0 && hasImages(bytes))
      return { tables: [], issues, imagesOnly: true };
    const tables = toTables(pages, prefix, ctx);
    if (fields.length > 0)
      tables.push(
        build(`${prefix}form fields`, "sheet", [["Field", "Value"], ...fields], ctx.limits.sampleRows),
      );
    return { tables, issues, ...carried };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === "PasswordException") return { tables: [], issues: [{ code: "ENCRYPTED", path }] };
    const detail = error instanceof Error ? error.message.slice(0, 120) : "unreadable";
    return { tables: [], issues: [{ code: "CORRUPT", path, detail }] };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** The files in the PDF's EmbeddedFiles name tree (LibreOffice's hybrid PDF keeps its whole source there). */
async function embeddedFiles(doc: PdfDocument): Promise<{ name: string; bytes: Uint8Array }[]> {
  const all = (await doc.getAttachments()) ?? {};
  return Object.entries(all).flatMap(([key, file]) => asFile(file, key));
}

/** The files pinned to a page as file-attachment annotations. */
function attachedFiles(annotations: Awaited<ReturnType<PdfPage["getAnnotations"]>>) {
  return annotations.flatMap((a) =>
    a.annotationType === FILE_ATTACHMENT && a.file ? asFile(a.file, "attachment") : [],
  );
}

function asFile(file: PdfFile, fallback: string): { name: string; bytes: Uint8Array }[] {
  if (!(file.content instanceof Uint8Array)) return [];
  return [{ name: (file.filename || fallback).replace(/^.*[\\/]/, ""), bytes: file.content }];
}

/** Filled-in form fields as rows of name and value (text a person typed into the form). */
async function formFields(doc: PdfDocument): Promise<string[][]> {
  const fields = (await doc.getFieldObjects()) ?? {};
  const rows: string[][] = [];
  for (const [name, widgets] of Object.entries(fields)) {
    const value = widgets.map((w) => w.value).find((v) => typeof v === "string" && v.trim() !== "");
    if (typeof value === "string") rows.push([name, value.trim()]);
  }
  return rows;
}

/** The non-blank text runs of a page with where they stand (the transform's translation and scale). */
function placedText(content: Awaited<ReturnType<PdfPage["getTextContent"]>>): PlacedText[] {
  const out: PlacedText[] = [];
  for (const item of content.items) {
    const t = item.transform;
    if (typeof item.str !== "string" || item.str.trim() === "" || !t || t.length < 6) continue;
    out.push({ text: item.str, x: t[4], y: t[5], width: item.width ?? 0, size: Math.hypot(t[2], t[3]) });
  }
  return out;
}

function hasImages(bytes: Uint8Array): boolean {
  // Latin-1 keeps every byte one character, so the pattern sees the file as written.
  const text = new TextDecoder("latin1").decode(bytes);
  return IMAGE_XOBJECT.test(text);
}

/** The rebuilt grids as tables, and the people named in the running text as one more. */
function toTables(pages: PlacedText[][], prefix: string, ctx: PdfContext): RawTable[] {
  const layout = rebuildPdfTables(pages);
  const sampleRows = ctx.limits.sampleRows;
  const tables = layout.grids.map((grid, i) =>
    build(`${prefix}Table ${i + 1} (page ${grid.page})`, "sheet", grid.rows, sampleRows),
  );
  const checks = ctx.checks ?? EMAILS_ONLY;
  // A person in a table is counted there, not again in the text.
  const ignore = new Set<string>();
  for (const grid of layout.grids)
    for (const row of grid.rows)
      for (const cell of row) for (const id of identifiersIn(cell, checks)) ignore.add(id);
  const people = readPeopleList(layout.text, checks, ignore);
  if (people !== null) {
    const table = build(`${prefix}people in the text`, "body", people.rows, sampleRows);
    tables.push({ ...table, people: people.people });
  }
  return tables;
}

function build(name: string, origin: "sheet" | "body", rows: string[][], sampleRows: number): RawTable {
  const builder = new TableBuilder(name, origin, "visible", sampleRows);
  for (const row of rows) builder.addRow(row);
  return builder.build();
}
