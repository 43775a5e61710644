// A ZIP laid out the way macOS Finder's "Compress" (ditto -c -k --sequesterRsrc --keepParent) writes
// it: the folder, its files, its .DS_Store, and under __MACOSX/ an AppleDouble `._` file for each.
import { makeZip } from "../parse/container/make-zip.js";

/**
 * An AppleDouble file (RFC 1740 appendix A) as Finder writes one: magic 0x00051607, version 2,
 * "Mac OS X" filler, a Finder-info entry carrying an extended-attribute block ("ATTR") with the
 * download quarantine flag, and an empty resource-fork entry.
 */
export function appleDouble(): Uint8Array {
  const xattrName = "com.apple.quarantine\0";
  const xattrValue = "0083;4a2b9c31;Mail;";
  const header = 26 + 2 * 12;
  const finderInfoLength = 32 + 2 + 36 + 12 + xattrName.length + 3 + xattrValue.length;
  const resourceLength = 286;
  const out = new Uint8Array(header + finderInfoLength + resourceLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00051607);
  view.setUint32(4, 0x00020000);
  out.set(new TextEncoder().encode("Mac OS X        "), 8);
  view.setUint16(24, 2);
  view.setUint32(26, 9); // Finder info
  view.setUint32(30, header);
  view.setUint32(34, finderInfoLength);
  view.setUint32(38, 2); // resource fork
  view.setUint32(42, header + finderInfoLength);
  view.setUint32(46, resourceLength);
  // The extended attributes follow the 32 bytes of Finder info, after 2 bytes of padding.
  const attr = header + 32 + 2;
  out.set(new TextEncoder().encode("ATTR"), attr);
  view.setUint32(attr + 8, out.length);
  const entry = attr + 36;
  view.setUint32(entry, entry + 12 + xattrName.length + 3);
  view.setUint32(entry + 4, xattrValue.length);
  view.setUint8(entry + 10, xattrName.length);
  out.set(new TextEncoder().encode(xattrName), entry + 11);
  out.set(new TextEncoder().encode(xattrValue), entry + 11 + xattrName.length + 3);
  out.set(
    new TextEncoder().encode("This resource fork intentionally left blank   "),
    header + finderInfoLength + 256 - 30,
  );
  return out;
}

/** A Finder .DS_Store: the alignment word and the "Bud1" buddy-allocator magic, then its blocks. */
export function dsStore(): Uint8Array {
  const out = new Uint8Array(6148);
  out.set([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31, 0x00, 0x00, 0x10, 0x00]);
  return out;
}

/** Finder's archive of folder `folder` holding `files`, with the debris Finder adds. */
export function finderZip(folder: string, files: Record<string, Uint8Array>): Uint8Array {
  const names = [...Object.keys(files), ".DS_Store"];
  const content: Record<string, Uint8Array> = { ...files, ".DS_Store": dsStore() };
  return makeZip([
    { name: `${folder}/`, data: "" },
    ...names.map((name) => ({ name: `${folder}/${name}`, data: content[name] })),
    { name: "__MACOSX/", data: "" },
    { name: `__MACOSX/${folder}/`, data: "" },
    ...names.map((name) => ({ name: `__MACOSX/${folder}/._${name}`, data: appleDouble() })),
  ]);
}
