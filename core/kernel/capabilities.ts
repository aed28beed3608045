/**
 * Linux capabilities as bit numbers. Sets are bigints because the table reaches bit 33
 * (and VServer context flags go past bit 52), beyond JavaScript's 32-bit bitwise operators.
 */

export const CAPABILITY_NAMES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE',
  'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD',
  'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN',
] as const;

export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

const BIT = new Map<string, number>(CAPABILITY_NAMES.map((n, i) => [n, i]));

export function capabilityBit(name: CapabilityName): bigint {
  return 1n << BigInt(BIT.get(name)!);
}

/** Parse "net_raw", "CAP_NET_RAW" → the name, or undefined. */
export function parseCapabilityName(spec: string): CapabilityName | undefined {
  const n = spec.toUpperCase().replace(/^CAP_/, '');
  return BIT.has(n) ? (n as CapabilityName) : undefined;
}

/** Every capability of the table: what root in the host context starts with. */
export const ALL_CAPABILITIES: bigint = (1n << BigInt(CAPABILITY_NAMES.length)) - 1n;

export function hasCapability(set: bigint, name: CapabilityName): boolean {
  return (set & capabilityBit(name)) !== 0n;
}

export function capabilityNames(set: bigint): CapabilityName[] {
  return CAPABILITY_NAMES.filter((_, i) => (set & (1n << BigInt(i))) !== 0n);
}

/** As printed in /proc/PID/status (CapEff: 00000000fffffeff). */
export function formatCapabilityHex(set: bigint, digits = 16): string {
  return set.toString(16).padStart(digits, '0');
}
