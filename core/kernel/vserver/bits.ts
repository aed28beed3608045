/**
 * The named bits of Linux-VServer security contexts: context flags (cflags) and context
 * capabilities (ccaps), with util-vserver's names (lib/*-v13.c; reference/linux-vserver.md §3.3).
 * Values are bigints because the state flags sit above bit 31.
 */

export interface NamedBit {
  name: string;
  value: bigint;
  /** Other spellings accepted on input (deprecated or long forms). */
  aliases?: readonly string[];
}

/** Context flags, lowest bit first. `sched` exists only for the compat chcontext (2.4 S_CTX_INFO_SCHED). */
export const CONTEXT_FLAGS: readonly NamedBit[] = [
  { name: 'lock', value: 0x1n, aliases: ['info_lock'] },
  { name: 'nproc', value: 0x4n, aliases: ['info_nproc'] },
  { name: 'private', value: 0x8n, aliases: ['info_private'] },
  { name: 'fakeinit', value: 0x10n, aliases: ['info_init'] },
  { name: 'hideinfo', value: 0x20n, aliases: ['info_hideinfo'] },
  { name: 'ulimit', value: 0x40n, aliases: ['info_ulimit'] },
  { name: 'namespace', value: 0x80n, aliases: ['info_namespace', 'info_nspace'] },
  { name: 'sched_hard', value: 0x100n },
  { name: 'sched_prio', value: 0x200n },
  { name: 'sched_pause', value: 0x400n },
  { name: 'virt_mem', value: 0x10000n },
  { name: 'virt_uptime', value: 0x20000n },
  { name: 'virt_cpu', value: 0x40000n },
  { name: 'virt_load', value: 0x80000n },
  { name: 'virt_time', value: 0x100000n },
  { name: 'hide_mount', value: 0x1000000n },
  { name: 'hide_netif', value: 0x2000000n },
  { name: 'hide_vinfo', value: 0x4000000n },
  { name: 'state_setup', value: 1n << 32n },
  { name: 'state_init', value: 1n << 33n },
  { name: 'state_admin', value: 1n << 34n },
  { name: 'sc_helper', value: 1n << 36n },
  { name: 'reboot_kill', value: 1n << 37n },
  { name: 'persistent', value: 1n << 38n },
  { name: 'fork_rss', value: 1n << 48n },
  { name: 'prolific', value: 1n << 49n },
  { name: 'igneg_nice', value: 1n << 52n },
  { name: 'igneg_ionice', value: 1n << 53n },
];

/** Pseudo flags accepted on input: `secure` = hide_netif, `default` = virt_uptime|sc_helper. */
export const CONTEXT_FLAG_PSEUDO: readonly NamedBit[] = [
  { name: 'secure', value: 0x2000000n },
  { name: 'default', value: 0x20000n | (1n << 36n) },
];

/** Context capabilities. */
export const CONTEXT_CAPS: readonly NamedBit[] = [
  { name: 'set_utsname', value: 0x1n, aliases: ['utsname'] },
  { name: 'set_rlimit', value: 0x2n, aliases: ['rlimit'] },
  { name: 'fs_security', value: 0x4n },
  { name: 'fs_trusted', value: 0x8n },
  { name: 'tiocsti', value: 0x10n },
  { name: 'raw_icmp', value: 0x100n, aliases: ['icmp', 'ping'] },
  { name: 'syslog', value: 0x1000n },
  { name: 'oom_adjust', value: 0x2000n },
  { name: 'audit_control', value: 0x4000n },
  { name: 'secure_mount', value: 0x10000n, aliases: ['mount'] },
  { name: 'secure_remount', value: 0x20000n, aliases: ['remount'] },
  { name: 'binary_mount', value: 0x40000n },
  { name: 'dev_mount', value: 0x80000n },
  { name: 'quota_ctl', value: 0x100000n },
  { name: 'admin_mapper', value: 0x200000n },
  { name: 'admin_cloop', value: 0x400000n },
  { name: 'kthread', value: 0x1000000n },
  { name: 'namespace', value: 0x2000000n },
];

function bitOf(table: readonly NamedBit[], name: string): bigint {
  const found = table.find((b) => b.name === name);
  if (!found) throw new Error(`no bit named ${name}`);
  return found.value;
}

export const VXF = {
  lock: bitOf(CONTEXT_FLAGS, 'lock'),
  nproc: bitOf(CONTEXT_FLAGS, 'nproc'),
  private: bitOf(CONTEXT_FLAGS, 'private'),
  fakeinit: bitOf(CONTEXT_FLAGS, 'fakeinit'),
  hideinfo: bitOf(CONTEXT_FLAGS, 'hideinfo'),
  namespace: bitOf(CONTEXT_FLAGS, 'namespace'),
  sched_hard: bitOf(CONTEXT_FLAGS, 'sched_hard'),
  sched_prio: bitOf(CONTEXT_FLAGS, 'sched_prio'),
  sched_pause: bitOf(CONTEXT_FLAGS, 'sched_pause'),
  virt_mem: bitOf(CONTEXT_FLAGS, 'virt_mem'),
  virt_uptime: bitOf(CONTEXT_FLAGS, 'virt_uptime'),
  virt_cpu: bitOf(CONTEXT_FLAGS, 'virt_cpu'),
  virt_load: bitOf(CONTEXT_FLAGS, 'virt_load'),
  hide_mount: bitOf(CONTEXT_FLAGS, 'hide_mount'),
  hide_netif: bitOf(CONTEXT_FLAGS, 'hide_netif'),
  state_setup: bitOf(CONTEXT_FLAGS, 'state_setup'),
  state_init: bitOf(CONTEXT_FLAGS, 'state_init'),
  state_admin: bitOf(CONTEXT_FLAGS, 'state_admin'),
  sc_helper: bitOf(CONTEXT_FLAGS, 'sc_helper'),
  persistent: bitOf(CONTEXT_FLAGS, 'persistent'),
} as const;

/** One-time flags: once cleared they cannot be set again (vs2.0 `VXF_ONE_TIME`). */
export const VXF_ONE_TIME = VXF.state_setup | VXF.state_init | VXF.state_admin;

export const VXC = {
  set_utsname: bitOf(CONTEXT_CAPS, 'set_utsname'),
  set_rlimit: bitOf(CONTEXT_CAPS, 'set_rlimit'),
  raw_icmp: bitOf(CONTEXT_CAPS, 'raw_icmp'),
  syslog: bitOf(CONTEXT_CAPS, 'syslog'),
  secure_mount: bitOf(CONTEXT_CAPS, 'secure_mount'),
  secure_remount: bitOf(CONTEXT_CAPS, 'secure_remount'),
  binary_mount: bitOf(CONTEXT_CAPS, 'binary_mount'),
  audit_control: bitOf(CONTEXT_CAPS, 'audit_control'),
} as const;

/** 16 lower-case hex digits, as /proc/virtual/N/status prints flags and capabilities. */
export function hex16(value: bigint): string {
  return BigInt.asUintN(64, value).toString(16).padStart(16, '0');
}
