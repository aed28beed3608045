/**
 * File contents are JavaScript strings. A text file holds Unicode text and its size is the UTF-8
 * byte length; a binary file holds one character per byte (codes 0–255) and its size is its
 * length. These helpers convert between byte offsets and string indices.
 */

/** UTF-8 byte length of a string (lone surrogates count 3, as TextEncoder would write U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for 2 UTF-16 units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Byte length of one code point starting at s[i], and how many UTF-16 units it takes. */
function codePointAt(s: string, i: number): [bytes: number, units: number] {
  const c = s.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

/**
 * The string index of the first character whose first byte is at or after byte offset `byte`
 * (a multi-byte character that straddles the offset belongs to the previous read).
 */
export function indexAtByte(s: string, byte: number): number {
  if (byte <= 0) return 0;
  let b = 0;
  let i = 0;
  while (i < s.length && b < byte) {
    const [bytes, units] = codePointAt(s, i);
    b += bytes;
    i += units;
  }
  return i;
}

/** The longest prefix of `s` whose UTF-8 encoding fits in `maxBytes` bytes. */
export function prefixWithinBytes(s: string, maxBytes: number): string {
  let b = 0;
  let i = 0;
  while (i < s.length) {
    const [bytes, units] = codePointAt(s, i);
    if (b + bytes > maxBytes) break;
    b += bytes;
    i += units;
  }
  return s.slice(0, i);
}

/** Encode text as a byte string (one character per UTF-8 byte). */
export function encodeUtf8Bytes(s: string): string {
  if (utf8Length(s) === s.length) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    let cp = s.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out += String.fromCharCode(cp);
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    i += units;
  }
  return out;
}

/** Is every character a byte (code ≤ 0xFF)? */
export function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}
