// The size of an Excel sheet since Excel 2007, which bounds what the spreadsheet readers keep.

/** Excel's widest sheet (column XFD): cells and hidden columns past it are ignored. */
export const MAX_COLUMNS = 16384;
/** Excel's last row: an index past it is not one Excel wrote. */
export const MAX_ROWS = 1_048_576;
