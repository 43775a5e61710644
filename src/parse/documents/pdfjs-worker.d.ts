// pdf.js ships no typings for its worker module; only its presence is used (see read-pdf.ts).
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
