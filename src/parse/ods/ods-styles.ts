import type { XmlScanner } from "../xml/xml-scanner.js";

const STYLE_ATTRS = ["name", "family", "data-style-name"] as const;

/**
 * The styles an ODS reader needs (OpenDocument 1.2 part 1, 16): table styles that hide a sheet
 * (`table:display="false"`, 17.15) and which cell styles show a time of day, so a date cell reads by
 * the one date rule (excel-date.ts). Fed tag by tag from styles.xml and content.xml's automatic styles.
 */
export class OdsStyles {
  private readonly hiddenTables = new Set<string>();
  /** Cell style name -> its data style (number format) name. */
  private readonly dataStyleOf = new Map<string, string>();
  /** Data styles that show hours: date-time styles and time styles. */
  private readonly timeStyles = new Set<string>();
  private readonly attrs: (string | undefined)[] = [undefined, undefined, undefined];
  private tableStyle: string | undefined;
  private dateStyle: string | undefined;

  /** Takes in the scanner's current tag when it is a style element; false when it is not one. */
  take(s: XmlScanner): boolean {
    switch (s.name) {
      case "style":
        if (s.close) this.tableStyle = undefined;
        else this.openStyle(s);
        return true;
      case "table-properties":
        if (!s.close && this.tableStyle !== undefined && s.attr("display") === "false")
          this.hiddenTables.add(this.tableStyle);
        return true;
      case "date-style":
      case "time-style":
        this.dateStyle = s.close || s.selfClose ? undefined : s.attr("name");
        if (s.name === "time-style" && !s.close) this.timeStyles.add(s.attr("name") ?? "");
        return true;
      case "hours":
        if (this.dateStyle !== undefined) this.timeStyles.add(this.dateStyle);
        return true;
    }
    return false;
  }

  /** Whether a table style hides its sheet. */
  hidesTable(styleName: string | undefined): boolean {
    return styleName !== undefined && this.hiddenTables.has(styleName);
  }

  /** Whether a cell style's number format shows a time of day. */
  showsTime(cellStyle: string | undefined): boolean {
    const data = cellStyle === undefined ? undefined : this.dataStyleOf.get(cellStyle);
    return data !== undefined && this.timeStyles.has(data);
  }

  private openStyle(s: XmlScanner): void {
    s.attrs(STYLE_ATTRS, this.attrs, true);
    const [name, family, dataStyle] = this.attrs;
    this.tableStyle = family === "table" && !s.selfClose ? name : undefined;
    if (family === "table-cell" && name !== undefined && dataStyle !== undefined)
      this.dataStyleOf.set(name, dataStyle);
  }
}
