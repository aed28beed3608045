/**
 * util-vserver's list syntax for capabilities and flags (reference §3.2, §3.5): comma-separated
 * names, `!` or `~` to clear, `all`/`any`, `none`, numbers and `^N`, case-insensitive, optional
 * prefixes (`cap_`, `vxc_`, `vxf_`); and the `--get` decoding, lowest bit first.
 */
import { CAPABILITY_NAMES } from '../../../kernel/capabilities.js';
import { CONTEXT_CAPS, CONTEXT_FLAGS, CONTEXT_FLAG_PSEUDO, type NamedBit } from '../../../kernel/vserver/bits.js';

export interface MaskChange {
  /** Bits to set. */
  value: bigint;
  /** Bits the list names (set or cleared). */
  mask: bigint;
}

export type ListKind = 'bcap' | 'ccap' | 'flag';

const BCAP_TABLE: NamedBit[] = CAPABILITY_NAMES.map((name, i) => ({ name: name.toLowerCase(), value: 1n << BigInt(i) }));

function table(kind: ListKind): readonly NamedBit[] {
  if (kind === 'bcap') return BCAP_TABLE;
  if (kind === 'ccap') return CONTEXT_CAPS;
  return [...CONTEXT_FLAGS, ...CONTEXT_FLAG_PSEUDO];
}

const PREFIX: Record<ListKind, string> = { bcap: 'cap_', ccap: 'vxc_', flag: 'vxf_' };

/** strtol(…, 0): decimal, 0x hex or 0 octal; undefined when not a whole number. */
function number(text: string): bigint | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(text);
  if (/^0[0-7]*$/.test(text)) return BigInt('0o' + (text.slice(1) || '0'));
  if (/^[1-9][0-9]*$/.test(text)) return BigInt(text);
  return undefined;
}

/** Parse a list; returns the change, or the item that is not understood. */
export function parseList(kind: ListKind, text: string, into: MaskChange = { value: 0n, mask: 0n }): MaskChange | { unknown: string } {
  for (const raw of text.split(',')) {
    let item = raw;
    let clear = false;
    while (item.startsWith('!') || item.startsWith('~')) {
      clear = !clear;
      item = item.slice(1);
    }
    const lower = item.toLowerCase();
    let bits: bigint | undefined;
    if (lower === 'all' || lower === 'any') bits = (1n << 64n) - 1n;
    else if (lower === 'none') bits = 0n;
    else if (/^\^\d+$/.test(item)) bits = 1n << BigInt(item.slice(1));
    else if (number(item) !== undefined) bits = number(item);
    else {
      const name = lower.startsWith(PREFIX[kind]) ? lower.slice(PREFIX[kind].length) : lower;
      const found = table(kind).find((b) => b.name === name || b.aliases?.includes(name));
      bits = found?.value;
    }
    if (bits === undefined) return { unknown: item };
    into.mask |= bits;
    if (clear) into.value &= ~bits;
    else into.value |= bits;
  }
  return into;
}

/**
 * `--get`'s value line: if what is left equals a table entry exactly, its name; else the name of
 * the lowest set bit (`^N` without one), then repeat. Names are lower case except bcaps.
 */
export function formatList(kind: ListKind, value: bigint): string {
  const entries = kind === 'flag' ? [...CONTEXT_FLAGS, ...CONTEXT_FLAG_PSEUDO] : table(kind);
  const out: string[] = [];
  let rest = BigInt.asUintN(64, value);
  while (rest !== 0n) {
    const exact = entries.find((e) => e.value === rest);
    if (exact) {
      out.push(displayName(kind, exact));
      break;
    }
    let bit = 0n;
    while (((rest >> bit) & 1n) === 0n) bit++;
    const single = 1n << bit;
    const named = entries.find((e) => e.value === single);
    out.push(named ? displayName(kind, named) : `^${bit}`);
    rest &= ~single;
  }
  return out.join(',');
}

function displayName(kind: ListKind, entry: NamedBit): string {
  return kind === 'bcap' ? entry.name.toUpperCase() : entry.name;
}
