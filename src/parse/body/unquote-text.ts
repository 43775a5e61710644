/**
 * Takes the quote marks off quoted lines (`> `, `>> `, `> > `), so a table or list in an earlier
 * message quoted below a reply is read like any other: it leaves with the reply. Pure.
 */
export function unquoteText(text: string): string {
  return text.replace(/^(?:[ \t]*>)+ ?/gm, "");
}
