// Lists the entry names of a ZIP archive from its central directory, without unpacking anything. Pure.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/**
 * The names in the archive, or null when the bytes are not a well-formed single-part ZIP (a cut-off
 * file, a ZIP64 archive, a directory pointing outside the file). Office documents of a few megabytes
 * are never ZIP64, so refusing it costs nothing.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < EOCD_SIZE + 4 || u32(bytes, 0) !== LOCAL) return null;
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD && at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length) { eocd = at; break; }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || count > MAX_ENTRIES) return null;
  if (offset + size > eocd) return null;
  const decoder = new TextDecoder("utf-8");
  const names: string[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > offset + size || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28), extraLength = u16(bytes, at + 30), commentLength = u16(bytes, at + 32);
    const end = at + 46 + nameLength;
    if (end > offset + size) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, end)));
    at = end + extraLength + commentLength;
  }
  return names;
}
