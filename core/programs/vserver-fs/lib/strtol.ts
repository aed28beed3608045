/**
 * strtol(3) and strtoul(3) as glibc does them on the seed's i386 host (32-bit long), for the
 * option values util-vserver parses with them: leading blanks, a sign, base 0 (`0x` hex, `0`
 * octal, else decimal), and the place where parsing stopped, so a tool can check `*endptr`.
 */

export interface CNumber {
  /** The converted value (clamped as glibc clamps on overflow). */
  value: number;
  /** Index of the first character not used; 0 when no digits were found (endptr == nptr). */
  end: number;
  /** The value was out of range (errno = ERANGE). */
  overflow: boolean;
}

const LONG_MAX = 0x7fffffff;
const LONG_MIN = -0x80000000;
const ULONG_MAX = 0xffffffff;

function digitValue(c: string): number {
  const code = c.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return 99;
}

/** The magnitude and sign, before clamping. */
function scan(text: string, base: number): { negative: boolean; magnitude: bigint; end: number } {
  let i = 0;
  while (i < text.length && ' \t\n\v\f\r'.includes(text[i]!)) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  if ((base === 0 || base === 16) && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text[i + 2] ?? '') < 16) {
    base = 16;
    i += 2;
  } else if (base === 0) base = text[i] === '0' ? 8 : 10;
  const start = i;
  let magnitude = 0n;
  while (i < text.length && digitValue(text[i]!) < base) {
    magnitude = magnitude * BigInt(base) + BigInt(digitValue(text[i]!));
    i++;
  }
  return { negative, magnitude, end: i === start ? 0 : i };
}

/** strtol(text, &end, base). */
export function strtol(text: string, base = 0): CNumber {
  const { negative, magnitude, end } = scan(text, base);
  const signed = negative ? -magnitude : magnitude;
  if (signed > BigInt(LONG_MAX)) return { value: LONG_MAX, end, overflow: true };
  if (signed < BigInt(LONG_MIN)) return { value: LONG_MIN, end, overflow: true };
  return { value: Number(signed), end, overflow: false };
}

/** strtoul(text, &end, base): a minus sign negates in unsigned arithmetic ("-1" is ULONG_MAX). */
export function strtoul(text: string, base = 0): CNumber {
  const { negative, magnitude, end } = scan(text, base);
  if (magnitude > BigInt(ULONG_MAX)) return { value: ULONG_MAX, end, overflow: true };
  const value = negative ? Number((BigInt(ULONG_MAX) + 1n - magnitude) & BigInt(ULONG_MAX)) : Number(magnitude);
  return { value, end, overflow: false };
}

/** Did the whole string convert (`*endptr == '\0'`)? An empty string does, to 0, as in C. */
export function consumedAll(text: string, n: CNumber): boolean {
  return n.end === text.length;
}
