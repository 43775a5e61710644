// File signatures ("magic numbers") the readers test for, in one place so sniffing and each reader
// agree on them.

/** A ZIP local file header, `PK\3\4`: how a ZIP (and so xlsx, ods, docx) begins. */
export const ZIP_LOCAL_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** A ZIP end of central directory, `PK\5\6`: how an empty ZIP begins. */
export const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06] as const;
/** An OLE compound file (CFB): xls, msg, doc, and encrypted OOXML packages. */
export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
/** A TNEF stream (winmail.dat), little-endian 0x223E9F78 (MS-OXTNEF 2.1.3.1). */
export const TNEF_MAGIC = [0x78, 0x9f, 0x3e, 0x22] as const;

/** Whether bytes begin with a signature, from an offset. */
export function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}
