/** How reports name a column: its header, or its position when it has none (or an empty one). */
export const columnLabel = (column: { header: string | null; index: number }): string =>
  column.header || `column ${column.index + 1}`;
