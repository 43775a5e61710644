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
/** AppleDouble and AppleSingle (RFC 1740 appendix A): Finder's `._name` resource-fork files. */
export const APPLE_DOUBLE_MAGIC = [0x00, 0x05, 0x16, 0x07] as const;
export const APPLE_SINGLE_MAGIC = [0x00, 0x05, 0x16, 0x00] as const;
/** Finder's .DS_Store: a 4-byte alignment word, then the "Bud1" buddy-allocator magic. */
export const DS_STORE_MAGIC = [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31] as const;

/** Whether bytes begin with a signature, from an offset. */
export function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** `%PDF-`. */
export const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;
/** gzip (RFC 1952). */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** Images told by a fixed prefix: PNG, JPEG, TIFF little- and big-endian (GIF, WebP, BMP, HEIF by text or shape). */
export const IMAGE_MAGICS: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
];
/** Archives told by a fixed prefix: 7-Zip, xz, zstd (RAR and bzip2 by text). */
export const ARCHIVE_MAGICS: readonly (readonly number[])[] = [
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
];
