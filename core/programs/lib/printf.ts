/**
 * C printf formatting (glibc behaviour for %d %i %o %u %x %X %e %E %f %F %g %G %s %c %%, flags
 * `-+ #0`, width, precision, `*`), shared by the printf program, awk's printf/sprintf and the
 * shell's printf builtin; plus coreutils printf's backslash escapes and argument conversions.
 */

export interface Conversion {
  flags: string;
  /** A number, '*' (taken from the arguments) or undefined. */
  width: number | '*' | undefined;
  precision: number | '*' | undefined;
  /** The conversion letter. */
  conv: string;
  /** The directive as written, e.g. "%-5.2f" (for messages). */
  text: string;
}

export type FormatPiece = string | Conversion;

/** Thrown for a directive the formatter does not know: "%z: invalid directive". */
export class FormatError extends Error {
  constructor(readonly directive: string) {
    super(`${directive}: invalid directive`);
    this.name = 'FormatError';
  }
}

const CONVERSIONS = 'diouxXeEfFgGsc';

/**
 * Split a format into literal text and conversions. Length modifiers (h l L q j z t) are accepted
 * and ignored, as glibc's printf does for these types. With `lenient` (awk), an unknown directive
 * is kept as literal text instead of throwing; `extra` adds conversion letters (printf's %b).
 */
export function parseFormat(format: string, options: { lenient?: boolean; extra?: string } = {}): FormatPiece[] {
  const lenient = !!options.lenient;
  const known = CONVERSIONS + (options.extra ?? '');
  const pieces: FormatPiece[] = [];
  let text = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      text += c;
      i++;
      continue;
    }
    if (format[i + 1] === '%') {
      text += '%';
      i += 2;
      continue;
    }
    const start = i;
    i++;
    let flags = '';
    while (i < format.length && '-+ #0'.includes(format[i]!)) flags += format[i++];
    let width: Conversion['width'];
    if (format[i] === '*') {
      width = '*';
      i++;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        width = Number(m[0]);
        i += m[0].length;
      }
    }
    let precision: Conversion['precision'];
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        precision = '*';
        i++;
      } else {
        const m = /^\d*/.exec(format.slice(i))!;
        precision = Number(m[0] || '0');
        i += m[0].length;
      }
    }
    while (i < format.length && 'hlLqjzt'.includes(format[i]!)) i++;
    const conv = format[i];
    if (conv === undefined || !known.includes(conv)) {
      if (lenient) {
        text += format.slice(start, conv === undefined ? i : i + 1);
        i = conv === undefined ? i : i + 1;
        continue;
      }
      throw new FormatError(format.slice(start, conv === undefined ? i : i + 1));
    }
    i++;
    if (text) pieces.push(text);
    text = '';
    pieces.push({ flags, width, precision, conv, text: format.slice(start, i) });
  }
  if (text) pieces.push(text);
  return pieces;
}

/** A conversion with '*' width/precision already resolved. */
export interface ResolvedSpec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

/** Resolve '*': a negative width means '-' flag, a negative precision means none. */
export function resolveSpec(c: Conversion, star: () => number): ResolvedSpec {
  let flags = c.flags;
  let width = c.width === '*' ? star() : c.width;
  let precision = c.precision === '*' ? star() : c.precision;
  if (width !== undefined && width < 0) {
    flags += '-';
    width = -width;
  }
  if (precision !== undefined && precision < 0) precision = undefined;
  return { flags, width, precision, conv: c.conv };
}

function pad(body: string, spec: ResolvedSpec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (body.length >= width) return body;
  if (spec.flags.includes('-')) return body.padEnd(width);
  if (numeric && spec.flags.includes('0')) {
    // Zeros go after the sign or the 0x prefix.
    const m = /^([+\- ]?(?:0[xX])?)(.*)$/.exec(body)!;
    return m[1]! + m[2]!.padStart(width - m[1]!.length, '0');
  }
  return body.padStart(width);
}

const TWO64 = 1n << 64n;

/** %d %i %o %u %x %X of an integer value (a bigint keeps 64-bit values exact). */
export function formatInteger(value: bigint, spec: ResolvedSpec): string {
  let v = value;
  const conv = spec.conv;
  let sign = '';
  let digits: string;
  if (conv === 'd' || conv === 'i') {
    if (v < 0n) {
      sign = '-';
      v = -v;
    } else if (spec.flags.includes('+')) sign = '+';
    else if (spec.flags.includes(' ')) sign = ' ';
    digits = v.toString();
  } else {
    if (v < 0n) v = ((v % TWO64) + TWO64) % TWO64; // as uintmax_t
    digits = v.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
    if (conv === 'X') digits = digits.toUpperCase();
  }
  let prefix = '';
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && v === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  if (spec.flags.includes('#')) {
    if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((conv === 'x' || conv === 'X') && v !== 0n) prefix = conv === 'x' ? '0x' : '0X';
  }
  // With a precision, the 0 flag is ignored for integers.
  const s = spec.precision !== undefined ? { ...spec, flags: spec.flags.replace(/0/g, '') } : spec;
  return pad(sign + prefix + digits, s, true);
}

/** Exact fixed-point digits of a finite non-negative double (toFixed switches to exponents past 1e21). */
function fixed(x: number, prec: number): string {
  if (x < 1e21) {
    if (prec <= 100) return x.toFixed(prec);
    return x.toFixed(100) + '0'.repeat(prec - 100);
  }
  const int = BigInt(x).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

function exponential(x: number, prec: number): { mantissa: string; exp: number } {
  const s = x.toExponential(Math.min(prec, 100));
  const [m, e] = s.split('e') as [string, string];
  return { mantissa: prec > 100 ? m + '0'.repeat(prec - 100) : m, exp: Number(e) };
}

const expText = (exp: number): string => (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');

/** %e %E %f %F %g %G of a double. */
export function formatFloat(value: number, spec: ResolvedSpec): string {
  const conv = spec.conv;
  const upper = conv === 'E' || conv === 'G' || conv === 'F';
  const negative = value < 0 || Object.is(value, -0);
  const x = Math.abs(value);
  let sign = negative ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  let body: string;
  if (!Number.isFinite(x)) {
    if (Number.isNaN(value)) sign = spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
    body = Number.isNaN(value) ? 'nan' : 'inf';
    if (upper) body = body.toUpperCase();
    return pad(sign + body, { ...spec, flags: spec.flags.replace(/0/g, '') }, false);
  }
  const prec = spec.precision ?? 6;
  const alt = spec.flags.includes('#');
  if (conv === 'f' || conv === 'F') {
    body = fixed(x, prec);
    if (alt && prec === 0) body += '.';
  } else if (conv === 'e' || conv === 'E') {
    const { mantissa, exp } = exponential(x, prec);
    body = (alt && prec === 0 ? mantissa + '.' : mantissa) + 'e' + expText(exp);
  } else {
    const p = prec === 0 ? 1 : prec;
    const { exp } = exponential(x, p - 1);
    if (exp < -4 || exp >= p) {
      let { mantissa } = exponential(x, p - 1);
      if (!alt) mantissa = stripZeros(mantissa);
      body = mantissa + 'e' + expText(exp);
    } else {
      body = fixed(x, p - 1 - exp);
      if (!alt) body = stripZeros(body);
    }
  }
  if (upper) body = body.toUpperCase();
  return pad(sign + body, spec, true);
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** %s: precision truncates. */
export function formatString(s: string, spec: ResolvedSpec): string {
  const body = spec.precision !== undefined ? s.slice(0, spec.precision) : s;
  return pad(body, { ...spec, flags: spec.flags.replace(/0/g, '') }, false);
}

// ----- coreutils printf: escapes and argument conversion -----------------------------------------

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", e: '\x1b' };

export interface EscapeResult {
  text: string;
  /** `\c` was seen: stop all output. */
  stop: boolean;
}

/**
 * Interpret backslash escapes: in a format (`\NNN` with 1–3 octal digits) or in a %b argument
 * (`\0NNN`, and `\c` ends the output). Unknown escapes are kept with their backslash.
 */
export function interpretEscapes(s: string, mode: 'format' | 'b' | 'echo'): EscapeResult {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const e = s[i + 1]!;
    i++;
    if (e === 'c' && mode !== 'format') return { text, stop: true };
    if (e in SIMPLE_ESCAPES && !(mode === 'echo' && (e === '"' || e === "'" || e === 'e'))) {
      text += SIMPLE_ESCAPES[e];
      continue;
    }
    if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        text += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        continue;
      }
      text += '\\x';
      continue;
    }
    if (mode !== 'format' && e === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))!;
      text += String.fromCharCode(parseInt(m[0] || '0', 8) & 0xff);
      i += m[0].length;
      continue;
    }
    if (/[0-7]/.test(e) && mode !== 'echo') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
      text += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
      continue;
    }
    text += '\\' + e;
  }
  return { text, stop: false };
}

export interface NumericResult<T> {
  value: T;
  /** coreutils' complaint, without the program name: "abc: expected a numeric value". */
  error?: string;
}

const INTMAX = (1n << 63n) - 1n;
const INTMIN = -(1n << 63n);
const UINTMAX = (1n << 64n) - 1n;

/**
 * An argument for %d and friends, as coreutils' printf reads it (strtoimax base 0, a leading
 * quote gives the character's code).
 */
export function parseIntegerArg(arg: string, unsigned: boolean): NumericResult<bigint> {
  if (arg.startsWith('"') || arg.startsWith("'")) {
    return { value: arg.length > 1 ? BigInt(arg.codePointAt(1)!) : 0n };
  }
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg);
  if (!m) return { value: 0n, error: `${arg}: expected a numeric value` };
  const digits = m[2]!;
  let v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  if (m[1] === '-') v = -v;
  let error: string | undefined;
  const hi = unsigned ? UINTMAX : INTMAX;
  if (v > hi || v < (unsigned ? -UINTMAX : INTMIN)) {
    error = `${arg}: Numerical result out of range`;
    v = v > hi ? hi : unsigned ? -UINTMAX : INTMIN;
  }
  if (m[0].length < arg.length && !error) error = `${arg}: value not completely converted`;
  return { value: v, error };
}

/** An argument for %f and friends (strtod: decimal, exponent, hex, inf, nan). */
export function parseFloatArg(arg: string): NumericResult<number> {
  if (arg.startsWith('"') || arg.startsWith("'")) {
    return { value: arg.length > 1 ? arg.codePointAt(1)! : 0 };
  }
  const m = /^\s*[+-]?(?:0[xX][0-9a-fA-F]+|inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(arg);
  if (!m) return { value: 0, error: `${arg}: expected a numeric value` };
  const t = m[0].trim().toLowerCase();
  const neg = t.startsWith('-');
  const u = t.replace(/^[+-]/, '');
  let v = u.startsWith('inf') ? Infinity : u === 'nan' ? NaN : u.startsWith('0x') ? parseInt(u, 16) : Number(u);
  if (neg) v = -v;
  if (m[0].length < arg.length) return { value: v, error: `${arg}: value not completely converted` };
  return { value: v };
}

/** C's %c of a string argument: its first character. */
export function formatChar(s: string, spec: ResolvedSpec): string {
  return pad(s.slice(0, 1), { ...spec, flags: spec.flags.replace(/0/g, '') }, false);
}
