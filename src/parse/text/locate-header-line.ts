/**
 * The 1-based line of a CSV file on which its `rowIndex`-th non-empty row starts, counted as the
 * readers count rows: blank lines, lines of bare delimiters (",,,") and an Excel `sep=` line are not
 * rows; a quoted cell may span lines. `text` may be just the file's head; undefined when the row
 * lies beyond it. Exact for what papaparse reads, except that a stray quote in a title row above
 * the header can make it run on (then the count drifts, never below line 1).
 */
export function locateHeaderLine(text: string, rowIndex: number, delimiter: string): number | undefined {
  let line = 1;
  let i = 0;
  if (/^sep=./i.test(text)) {
    const end = text.search(/\r\n|\n|\r/);
    if (end < 0) return undefined;
    i = end + (text.startsWith("\r\n", end) ? 2 : 1);
    line = 2;
  }
  let row = 0;
  while (i < text.length) {
    const startLine = line;
    let inQuotes = false;
    let content = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') inQuotes = !inQuotes;
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        line++;
        if (!inQuotes) {
          i++;
          break;
        }
      } else if (c !== delimiter && c.trim() !== "" && c !== "\uFEFF") content = true;
    }
    if (content) {
      if (row === rowIndex) return startLine;
      row++;
    }
  }
  return undefined;
}
