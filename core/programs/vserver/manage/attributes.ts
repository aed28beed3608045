/**
 * The attributes `vserver … start` gives a guest's context (reference §3.2–3.4, §8.6): what
 * `vattribute --set --secure --flag default --flag fakeinit` plus the guest's `cflags`,
 * `bcapabilities` and `ccapabilities` files amount to, as bit sets for the kernel calls.
 */
import { CAPABILITY_NAMES, capabilityBit, type CapabilityName } from '../../../kernel/capabilities.js';
import { CONTEXT_CAPS, CONTEXT_FLAG_PSEUDO, CONTEXT_FLAGS, VXC, VXF, type NamedBit } from '../../../kernel/vserver/bits.js';

/** Bounding capabilities `--secure` keeps (SYS_BOOT with vshelper, AUDIT_WRITE with migrate). */
const SECURE_BCAPS: readonly CapabilityName[] = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'NET_BIND_SERVICE',
  'SYS_CHROOT', 'SYS_PTRACE', 'SYS_BOOT', 'SYS_TTY_CONFIG', 'LEASE', 'AUDIT_WRITE', 'SETFCAP',
];

/**
 * What `--secure` removes: every other capability among bits 0–31 (util-vserver computes the
 * mask in 32-bit arithmetic, so MAC_OVERRIDE and MAC_ADMIN stay).
 */
export const INSECURE_BCAPS: bigint = SECURE_BCAPS.reduce((mask, name) => mask & ~capabilityBit(name), 0xffffffffn);

/** The ccaps `--secure` sets, and nothing else: set_utsname, raw_icmp, audit_control. */
export const SECURE_CCAPS: bigint = VXC.set_utsname | VXC.raw_icmp | VXC.audit_control;

const ALL_BITS = (1n << 64n) - 1n;

/** Bits named in a list, to set and to clear. */
export interface BitChange {
  set: bigint;
  clear: bigint;
}

/** A list entry the tables do not know: the tool says `Unknown <kind> '<item>'`. */
export class UnknownAttribute extends Error {
  constructor(
    readonly kind: 'flag' | 'bcap' | 'ccap',
    readonly item: string,
  ) {
    super(`Unknown ${kind} '${item}'`);
  }
}

const BCAP_TABLE: readonly NamedBit[] = CAPABILITY_NAMES.map((name) => ({ name, value: capabilityBit(name) }));

function lookup(table: readonly NamedBit[], name: string): bigint | undefined {
  const n = name.toLowerCase();
  for (const b of table) if (b.name.toLowerCase() === n || b.aliases?.some((a) => a.toLowerCase() === n)) return b.value;
  return undefined;
}

/**
 * One `--flag`/`--bcap`/`--ccap` argument (§3.2): comma-separated items, each optionally negated
 * by `!` or `~`; `all`/`any`, `none`, numbers and `^N` accepted; names case-insensitive, with the
 * optional `vxf_`/`vxc_`/`cap_` prefix.
 */
export function parseAttributeList(kind: 'flag' | 'bcap' | 'ccap', text: string, change: BitChange = { set: 0n, clear: 0n }): BitChange {
  const table = kind === 'flag' ? [...CONTEXT_FLAGS, ...CONTEXT_FLAG_PSEUDO] : kind === 'ccap' ? CONTEXT_CAPS : BCAP_TABLE;
  const prefix = kind === 'flag' ? /^vxf_/i : kind === 'ccap' ? /^vxc_/i : /^cap_/i;
  for (const raw of text.split(',')) {
    let item = raw;
    let negate = false;
    while (item.startsWith('!') || item.startsWith('~')) {
      negate = !negate;
      item = item.slice(1);
    }
    let bits: bigint | undefined;
    if (/^(all|any)$/i.test(item)) bits = ALL_BITS;
    else if (/^none$/i.test(item)) bits = 0n;
    else if (/^\^\d+$/.test(item)) bits = 1n << BigInt(item.slice(1));
    else if (/^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(item)) bits = BigInt(item.startsWith('0') && !/^0x/i.test(item) && item.length > 1 ? `0o${item.slice(1)}` : item);
    else bits = lookup(table, item.replace(prefix, ''));
    if (bits === undefined) throw new UnknownAttribute(kind, raw);
    if (negate) change.clear |= bits;
    else change.set |= bits;
  }
  return change;
}

/** The context's flags and capabilities after start (the kernel calls' values and masks). */
export interface GuestAttributes {
  flags: bigint;
  flagMask: bigint;
  /** Bounding capabilities to remove. */
  bcapsRemoved: bigint;
  ccaps: bigint;
}

/**
 * `vattribute --set --secure --flag default --flag fakeinit` followed by the guest's lists.
 * Throws UnknownAttribute for a name no table has.
 */
export function guestAttributes(lists: { cflags: readonly string[]; bcaps: readonly string[]; ccaps: readonly string[] }): GuestAttributes {
  const flags: BitChange = { set: VXF.hide_netif | VXF.virt_uptime | VXF.sc_helper | VXF.fakeinit, clear: 0n };
  for (const f of lists.cflags) parseAttributeList('flag', f, flags);
  const bcaps: BitChange = { set: 0n, clear: INSECURE_BCAPS };
  for (const b of lists.bcaps) {
    const c = parseAttributeList('bcap', b);
    bcaps.clear = (bcaps.clear & ~c.set) | c.clear;
  }
  const ccaps: BitChange = { set: SECURE_CCAPS, clear: ALL_BITS & ~SECURE_CCAPS };
  for (const c of lists.ccaps) {
    const l = parseAttributeList('ccap', c);
    ccaps.set = (ccaps.set | l.set) & ~l.clear;
  }
  return { flags: flags.set & ~flags.clear, flagMask: flags.set | flags.clear, bcapsRemoved: bcaps.clear, ccaps: ccaps.set };
}
