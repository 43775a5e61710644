import type { TableBuilder } from "../table-builder.js";

/**
 * Counts the rows from `start` to the end of `<sheetData>` without tokenizing them: a row counts
 * when it holds a value (`<v>x`) or inline text (`<t>x`). A cell pointing at an empty shared string
 * counts too: erring towards more rows is the safe side for a leak detector.
 */
export function countRows(xml: string, start: number, builder: TableBuilder): void {
  const lt = xml.indexOf("row", start) - start === 1 ? "<" : xml.slice(start, xml.indexOf("row", start));
  const open = `${lt}row`;
  const close = `</${lt.slice(1)}row>`;
  const value = `<${lt.slice(1)}v`;
  const text = `<${lt.slice(1)}t`;
  const dataEnd = xml.indexOf(`</${lt.slice(1)}sheetData>`, start);
  const end = dataEnd < 0 ? xml.length : dataEnd;
  let pos = start;
  while (pos < end) {
    const rowStart = xml.indexOf(open, pos);
    if (rowStart < 0 || rowStart >= end) break;
    const after = xml.charCodeAt(rowStart + open.length);
    if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      pos = rowStart + open.length;
      continue;
    }
    const tagEnd = xml.indexOf(">", rowStart);
    if (tagEnd < 0) break;
    const tag = xml.slice(rowStart, tagEnd);
    const hidden = /\shidden=["'](1|true)["']/.test(tag);
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      pos = tagEnd + 1;
      continue;
    }
    let rowEnd = xml.indexOf(close, tagEnd);
    if (rowEnd < 0 || rowEnd > end) rowEnd = end;
    if (holdsValue(xml, tagEnd, rowEnd, value) || holdsValue(xml, tagEnd, rowEnd, text))
      builder.countRow(hidden);
    pos = rowEnd + close.length;
  }
}

/** Whether an element opened by `tag` between from and to has non-empty text right after its start tag. */
function holdsValue(xml: string, from: number, to: number, tag: string): boolean {
  let pos = from;
  for (;;) {
    const at = xml.indexOf(tag, pos);
    if (at < 0 || at >= to) return false;
    const gt = xml.indexOf(">", at);
    if (gt < 0 || gt >= to) return false;
    // `<t>` and `<t xml:space="preserve">` but not `<tableParts>`; a self-closed `<t/>` is empty.
    const next = xml.charCodeAt(at + tag.length);
    if ((next === 62 || next === 32) && xml.charCodeAt(gt - 1) !== 47) {
      const first = xml.charCodeAt(gt + 1);
      if (first !== 60 && gt + 1 < to) return true;
    }
    pos = gt + 1;
  }
}
