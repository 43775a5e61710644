/**
 * htmlparser2's event parser alone, as its own module: read-html.ts imports it on the first HTML
 * body, and the bundler keeps only the Parser (not the DOM handler and feed readers beside it).
 */
export { Parser } from "htmlparser2";
