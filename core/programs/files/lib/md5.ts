/**
 * MD5 (RFC 1321) over the bytes of a file, incrementally: file contents are JavaScript strings,
 * taken as UTF-8 like wc -c counts them.
 */

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export class Md5 {
  private h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  private block = new Uint8Array(64);
  private used = 0;
  private length = 0;
  private readonly words = new Uint32Array(16);

  /** Feed the UTF-8 bytes of a string. */
  update(text: string): this {
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) this.byte(c);
      else if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 63));
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const lo = text.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            i++;
            this.byte(0xf0 | (c >> 18));
            this.byte(0x80 | ((c >> 12) & 63));
            this.byte(0x80 | ((c >> 6) & 63));
            this.byte(0x80 | (c & 63));
            continue;
          }
        }
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      }
    }
    return this;
  }

  /** Feed raw bytes. */
  updateBytes(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.byte(bytes[i]! & 0xff);
    return this;
  }

  private byte(b: number): void {
    this.block[this.used++] = b;
    this.length++;
    if (this.used === 64) {
      this.compress();
      this.used = 0;
    }
  }

  private compress(): void {
    const w = this.words;
    const b = this.block;
    for (let i = 0; i < 16; i++) w[i] = b[i * 4]! | (b[i * 4 + 1]! << 8) | (b[i * 4 + 2]! << 16) | (b[i * 4 + 3]! << 24);
    let [a, bb, c, d] = this.h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (bb & c) | (~bb & d);
        g = i;
      } else if (i < 32) {
        f = (d & bb) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = bb ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (bb | ~d);
        g = (7 * i) % 16;
      }
      const tmp = d;
      d = c;
      c = bb;
      const x = (a + f + K[i]! + w[g]!) | 0;
      bb = (bb + ((x << S[i]!) | (x >>> (32 - S[i]!)))) | 0;
      a = tmp;
    }
    this.h[0] = (this.h[0]! + a) | 0;
    this.h[1] = (this.h[1]! + bb) | 0;
    this.h[2] = (this.h[2]! + c) | 0;
    this.h[3] = (this.h[3]! + d) | 0;
  }

  /** The digest as 32 lowercase hex digits. */
  hex(): string {
    const bits = this.length * 8;
    this.byte(0x80);
    while (this.used !== 56) this.byte(0);
    const lo = bits >>> 0;
    const hi = Math.floor(bits / 2 ** 32) >>> 0;
    for (const v of [lo, hi]) for (let i = 0; i < 4; i++) this.byte((v >>> (i * 8)) & 0xff);
    let out = '';
    for (const v of this.h) for (let i = 0; i < 4; i++) out += ((v >>> (i * 8)) & 0xff).toString(16).padStart(2, '0');
    return out;
  }
}

export function md5Hex(text: string): string {
  return new Md5().update(text).hex();
}
