/**
 * A cell as its writer meant it: `="07700 900123"` (the Excel-safe form CRM exports use to keep a
 * leading zero) and `'07700 900123` (a leading apostrophe that keeps a number as text) unwrapped,
 * so value tests see the phone number rather than the formula around it. Other cells are returned
 * as they are.
 */
export function unwrapCell(cell: string): string {
  const first = cell.trimStart()[0];
  if (first === "=") {
    const m = /^\s*=\s*\+?\s*"((?:[^"]|"")*)"\s*$/.exec(cell);
    return m === null ? cell : m[1].replace(/""/g, '"');
  }
  // One apostrophe only: `''` is not Excel's text marker.
  if (first === "'" && !/^\s*''/.test(cell)) return cell.trimStart().slice(1);
  return cell;
}
