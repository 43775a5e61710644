// Workbooks written part by part, to hold data where Excel keeps it out of sight: a chart's cached
// points, the cached cells of a linked workbook, constants under defined names. Parts are written
// as Excel writes them (prefixes, relationships, content types), not as SheetJS would.
import { makeZip } from "../parse/container/make-zip.js";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const ct = "application/vnd.openxmlformats-officedocument";

/** Escapes text for an XML attribute or element. */
export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One plotted series: its name (from a cell), categories (one list, or several levels) and values. */
export interface Series {
  name?: string;
  categories?: string[] | string[][];
  values: (string | number)[];
}

const points = (values: readonly (string | number)[]): string =>
  `<c:ptCount val="${values.length}"/>${values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`)
    .join("")}`;

/** A bar chart part whose series keep their cached copies of the plotted cells. */
export function chartXml(series: Series[]): string {
  const ser = series
    .map((s, i) => {
      const tx =
        s.name === undefined
          ? ""
          : `<c:tx><c:strRef><c:f>Data!$${"BCDEFG"[i]}$1</c:f><c:strCache>${points([s.name])}</c:strCache></c:strRef></c:tx>`;
      const cats = s.categories;
      const cat =
        cats === undefined
          ? ""
          : Array.isArray(cats[0])
            ? `<c:cat><c:multiLvlStrRef><c:f>Data!$A$2:$B$${cats[0].length + 1}</c:f><c:multiLvlStrCache><c:ptCount val="${cats[0].length}"/>${(
                cats as string[][]
              )
                .map(
                  (level) =>
                    `<c:lvl>${level.map((v, k) => `<c:pt idx="${k}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:lvl>`,
                )
                .join("")}</c:multiLvlStrCache></c:multiLvlStrRef></c:cat>`
            : `<c:cat><c:strRef><c:f>Data!$A$2:$A$${cats.length + 1}</c:f><c:strCache>${points(cats as string[])}</c:strCache></c:strRef></c:cat>`;
      const val = `<c:val><c:numRef><c:f>Data!$${"BCDEFG"[i]}$2:$${"BCDEFG"[i]}$${s.values.length + 1}</c:f><c:numCache><c:formatCode>General</c:formatCode>${points(s.values)}</c:numCache></c:numRef></c:val>`;
      // A data label with its own text: its <c:tx> is not the series name.
      const labels = `<c:dLbls><c:dLbl><c:idx val="0"/><c:tx><c:rich><a:p xmlns:a="x"><a:r><a:t>Top</a:t></a:r></a:p></c:rich></c:tx></c:dLbl></c:dLbls>`;
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${labels}${cat}${val}</c:ser>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${C}" xmlns:r="${R}"><c:chart><c:title><c:tx><c:rich><a:p xmlns:a="x"><a:r><a:t>Donations</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:barDir val="col"/>${ser}<c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart></c:chartSpace>`;
}

/** One sheet of a linked workbook as cached in this one. */
export interface LinkedSheet {
  name: string;
  rows: string[][];
}

/** An external link part caching the cells of `sheets` (strings as `t="str"`, numbers bare). */
export function externalLinkXml(sheets: LinkedSheet[]): string {
  const col = (c: number) => String.fromCharCode(65 + c);
  const data = sheets
    .map(
      (sheet, id) =>
        `<sheetData sheetId="${id}">${sheet.rows
          .map(
            (row, r) =>
              `<row r="${r + 1}">${row
                .map((v, c) =>
                  /^\d+$/.test(v)
                    ? `<cell r="${col(c)}${r + 1}"><v>${v}</v></cell>`
                    : `<cell r="${col(c)}${r + 1}" t="str"><v>${esc(v)}</v></cell>`,
                )
                .join("")}</row>`,
          )
          .join("")}</sheetData>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="${NS}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames>${sheets
    .map((s) => `<sheetName val="${esc(s.name)}"/>`)
    .join("")}</sheetNames><sheetDataSet>${data}</sheetDataSet></externalBook></externalLink>`;
}

/** What goes into a hand-built workbook besides its one visible sheet. */
export interface CacheBookParts {
  /** The visible sheet's rows (all strings, numbers as digits). */
  rows: string[][];
  charts?: string[];
  externalLinks?: string[];
  /** `<definedName>` elements as [name, text], the text written as Excel stores it (no `=`). */
  definedNames?: [string, string][];
}

/** A workbook of one visible sheet with charts on a drawing, external links and defined names. */
export function cacheBook(parts: CacheBookParts): Uint8Array {
  const charts = parts.charts ?? [];
  const links = parts.externalLinks ?? [];
  const rel = (id: string, type: string, target: string, external = false) =>
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${esc(target)}"${external ? ' TargetMode="External"' : ""}/>`;
  const rels = (...items: string[]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
  const cell = (v: string, ref: string) =>
    /^\d+$/.test(v)
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${parts.rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, c) => cell(v, `${String.fromCharCode(65 + c)}${i + 1}`)).join("")}</row>`,
    )
    .join("")}</sheetData>${charts.length > 0 ? '<drawing r:id="rId1"/>' : ""}</worksheet>`;
  const names = parts.definedNames ?? [];
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Summary" sheetId="1" r:id="rId1"/></sheets>${
    links.length > 0
      ? `<externalReferences>${links.map((_, i) => `<externalReference r:id="rId${i + 10}"/>`).join("")}</externalReferences>`
      : ""
  }${
    names.length > 0
      ? `<definedNames>${names.map(([n, text]) => `<definedName name="${esc(n)}">${esc(text)}</definedName>`).join("")}</definedNames>`
      : ""
  }</workbook>`;
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
    ...charts.map(
      (_, i) => `<Override PartName="/xl/charts/chart${i + 1}.xml" ContentType="${ct}.drawingml.chart+xml"/>`,
    ),
    ...links.map(
      (_, i) =>
        `<Override PartName="/xl/externalLinks/externalLink${i + 1}.xml" ContentType="${ct}.spreadsheetml.externalLink+xml"/>`,
    ),
  ];
  const members: Record<string, string> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    "_rels/.rels": rels(rel("rId1", "officeDocument", "xl/workbook.xml")),
    "xl/workbook.xml": workbook,
    "xl/_rels/workbook.xml.rels": rels(
      rel("rId1", "worksheet", "worksheets/sheet1.xml"),
      ...links.map((_, i) => rel(`rId${i + 10}`, "externalLink", `externalLinks/externalLink${i + 1}.xml`)),
    ),
    "xl/worksheets/sheet1.xml": sheet,
  };
  if (charts.length > 0) {
    members["xl/worksheets/_rels/sheet1.xml.rels"] = rels(rel("rId1", "drawing", "../drawings/drawing1.xml"));
    members["xl/drawings/drawing1.xml"] =
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>`;
    members["xl/drawings/_rels/drawing1.xml.rels"] = rels(
      ...charts.map((_, i) => rel(`rId${i + 1}`, "chart", `../charts/chart${i + 1}.xml`)),
    );
    charts.forEach((xml, i) => {
      members[`xl/charts/chart${i + 1}.xml`] = xml;
    });
  }
  links.forEach((xml, i) => {
    members[`xl/externalLinks/externalLink${i + 1}.xml`] = xml;
    members[`xl/externalLinks/_rels/externalLink${i + 1}.xml.rels`] = rels(
      rel("rId1", "externalLinkPath", `file:///C:/Users/agent/Documents/members-${i + 1}.xlsx`, true),
    );
  });
  return makeZip(Object.entries(members).map(([name, data]) => ({ name, data })));
}
