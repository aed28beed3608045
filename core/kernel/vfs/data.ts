/**
 * Reading and writing the bytes of a regular file held as a string (see text.ts): `data` holds the
 * materialised bytes from offset 0, anything after it up to `size` reads as NUL bytes.
 */
import type { InodeState } from './inode.js';
import { encodeUtf8Bytes, indexAtByte, utf8Length } from './text.js';

/** Byte length of a string written as text (UTF-8) or as bytes. */
export function byteLength(s: string, binary: boolean): number {
  return binary ? s.length : utf8Length(s);
}

function isAscii(s: InodeState): boolean {
  return s.binary || s.dataBytes === s.data.length;
}

/** Bytes [offset, offset+length) as a string (text or byte string, like the file). */
export function readRange(s: InodeState, offset: number, length: number): string {
  const end = Math.min(s.size, offset + length);
  if (offset >= end) return '';
  let out = '';
  const dataEnd = Math.min(end, s.dataBytes);
  if (offset < dataEnd) {
    if (isAscii(s)) out = s.data.slice(offset, dataEnd);
    else out = s.data.slice(indexAtByte(s.data, offset), indexAtByte(s.data, dataEnd));
  }
  const zeroFrom = Math.max(offset, s.dataBytes);
  if (end > zeroFrom) out += '\0'.repeat(end - zeroFrom);
  return out;
}

/** Make the file binary, converting its text to UTF-8 bytes. */
function toBinary(s: InodeState): void {
  if (s.binary) return;
  if (s.dataBytes !== s.data.length) s.data = encodeUtf8Bytes(s.data);
  s.binary = true;
}

/**
 * Write `str` at byte `offset` into a mutable state. Updates data/dataBytes/binary only (the
 * caller does size, blocks and times). `binary` says whether `str` is a byte string.
 */
export function spliceData(s: InodeState, offset: number, str: string, binary: boolean): void {
  // Reconcile representations: a byte string with high bytes makes the file binary; text written
  // into a binary file is encoded.
  let incomingBinary = binary && str.length !== 0 && !/^[\x00-\x7f]*$/.test(str);
  if (incomingBinary) toBinary(s);
  else if (s.binary && !binary) str = encodeUtf8Bytes(str);
  if (s.binary) incomingBinary = true;
  const n = incomingBinary ? str.length : utf8Length(str);
  if (offset >= s.dataBytes) {
    const gap = offset - s.dataBytes;
    s.data = s.data + (gap > 0 ? '\0'.repeat(gap) : '') + str;
    s.dataBytes = offset + n;
    return;
  }
  if (isAscii(s)) {
    // One character per byte in the existing data.
    const before = s.data.slice(0, offset);
    const after = s.data.slice(offset + n);
    s.data = before + str + after;
    s.dataBytes = offset + n + after.length;
    return;
  }
  // Non-ASCII text: cut at character boundaries.
  const i0 = indexAtByte(s.data, offset);
  const i1 = indexAtByte(s.data, offset + n);
  s.data = s.data.slice(0, i0) + str + s.data.slice(i1);
  s.dataBytes = utf8Length(s.data);
}

/** Cut the materialised data to at most `length` bytes. */
export function truncateData(s: InodeState, length: number): void {
  if (length >= s.dataBytes) return;
  if (isAscii(s)) {
    s.data = s.data.slice(0, length);
    s.dataBytes = length;
  } else {
    // keep whole characters only; the cut bytes read as NUL (size stays `length`)
    let i = indexAtByte(s.data, length);
    let d = s.data.slice(0, i);
    let b = utf8Length(d);
    while (b > length && i > 0) {
      i--;
      d = s.data.slice(0, i);
      b = utf8Length(d);
    }
    s.data = d;
    s.dataBytes = b;
  }
}
