/**
 * What the chain of util-vserver helpers does to the process that becomes (or enters) a guest,
 * as kernel calls (reference §8.5 step 11): chbind, exec-ulimit, vcontext --create, vnamespace
 * --set, vlimit, vsched, vuname, vattribute, save_ctxinfo, env -i, vcontext --migrate-self
 * --endsetup --chroot, and the exec of the init command. Each failure is the helper's message.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import type { RlimitName } from '../../../kernel/task.js';
import { VXF } from '../../../kernel/vserver/bits.js';
import { CONTEXT_LIMITS, VHI_FIELDS, type ContextLimitName } from '../../../kernel/vserver/context.js';
import { NX_CAPS, NX_FLAGS, parseIp4, prefixMask, type NxAddr, type NxCap, type NxFlag } from '../../../net/index.js';
import { guestAttributes, UnknownAttribute } from './attributes.js';
import { exists, isDir, readText, readValue, writeText } from './files.js';
import type { Guest, GuestOptions } from './options.js';
import { RUNREVDIR } from './paths.js';

/** A helper of the chain gave up: its message (already in the tool's voice) and exit status. */
export class ChainError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const fail = (message: string, status = 255): never => {
  throw new ChainError(message, status);
};

function syscall<T>(what: string, call: () => T, status = 255): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof SyscallError) return fail(`${what}: ${e.message}`, status);
    throw e;
  }
}

// ----- the network context (chbind --secure) ---------------------------------------------------

function addressesOf(options: GuestOptions): NxAddr[] {
  return options.addresses.map((a) => {
    const [ip, prefix] = a.split('/');
    const address = parseIp4(ip!);
    if (address === undefined) return fail(`Invalid IP number '${a}'`);
    return { ip: address, mask: prefixMask(prefix === undefined ? 32 : Number(prefix)) };
  });
}

/**
 * chbind --secure [--nid N] --ip …: create the guest's network context, or join it when it exists.
 * Returns what chbind says when it is not silent.
 */
export function enterNetworkContext(proc: Process, guest: Guest, options: GuestOptions): string {
  if (exists(proc, `${guest.dir}/noncontext`)) return '';
  const addresses = addressesOf(options);
  const flags = ['hide_netif', ...options.nflags].filter((f): f is NxFlag => f in NX_FLAGS);
  const ncaps = ['raw_icmp', ...options.ncaps].filter((c): c is NxCap => c in NX_CAPS);
  const broadcast = options.bcast !== undefined ? parseIp4(options.bcast) : undefined;
  const net = proc.net;
  if (options.nid !== undefined && net.netContexts().includes(options.nid)) {
    syscall('ncontext: vc_net_migrate()', () => net.migrateNetContext(options.nid!));
    const present = new Set(net.netContext(options.nid).addresses.map((a) => a.ip));
    const missing = addresses.filter((a) => !present.has(a.ip));
    if (missing.length) syscall('naddress: vc_net_add()', () => net.addNetAddresses(options.nid!, missing));
    return '';
  }
  const nid = syscall('ncontext: vc_net_create()', () => net.createNetContext(options.nid, { addresses, flags, ncaps, ...(broadcast !== undefined ? { broadcast } : {}) }));
  return options.noisy ? `New network context is ${nid}\nAdding${options.bcast ? ` ${options.bcast}` : ''}${options.addresses.map((a) => ` ${a.split('/')[0]}`).join('')}\n` : '';
}

// ----- per-process settings: nice, ulimits --------------------------------------------------------

const ULIMITS: readonly RlimitName[] = ['cpu', 'data', 'fsize', 'memlock', 'nofile', 'nproc', 'rss', 'stack', 'core', 'as'];

/** `nice -n` and exec-ulimit: the guest's processes inherit them. */
async function applyProcessLimits(proc: Process, guest: Guest, options: GuestOptions): Promise<void> {
  if (options.nice !== undefined) proc.task.nice = Math.max(-20, Math.min(19, options.nice));
  for (const name of ULIMITS) {
    for (const [suffix, which] of [['', 'both'], ['.soft', 'soft'], ['.hard', 'hard']] as const) {
      const v = await readValue(proc, `${guest.dir}/ulimits/${name}${suffix}`);
      if (v === undefined) continue;
      const value = v === 'inf' || v === 'unlimited' ? Infinity : Number(v);
      if (!Number.isFinite(value) && value !== Infinity) continue;
      const limit = proc.task.rlimits[name];
      if (which !== 'hard') limit.soft = value;
      if (which !== 'soft') limit.hard = value;
    }
  }
}

// ----- the context's settings ---------------------------------------------------------------------

/** A vlimit value: a number with K/M (×1024) or k/m (×1000) suffixes, or `inf`. */
function parseLimit(text: string): number | undefined {
  if (text === 'inf') return Infinity;
  const m = /^(\d+)([kKmM]?)$/.exec(text);
  if (!m) return undefined;
  const factor = { '': 1, K: 1024, M: 1024 * 1024, k: 1000, m: 1000000 }[m[2]!]!;
  return Number(m[1]) * factor;
}

/** vlimit --dir rlimits --missingok. */
async function applyContextLimits(proc: Process, guest: Guest, xid: number): Promise<void> {
  const dir = `${guest.dir}/rlimits`;
  if (!isDir(proc, dir)) return;
  for (const name of CONTEXT_LIMITS) {
    const values: { min?: number; soft?: number; hard?: number } = {};
    for (const suffix of ['', '.min', '.soft', '.hard'] as const) {
      const file = `${dir}/${name}${suffix}`;
      const text = await readValue(proc, file);
      if (text === undefined) continue;
      const value = parseLimit(text);
      if (value === undefined) fail(`Invalid limit in '${file}'`);
      if (suffix === '') Object.assign(values, { min: value, soft: value, hard: value });
      else values[suffix.slice(1) as 'min' | 'soft' | 'hard'] = value;
    }
    if (Object.keys(values).length === 0) continue;
    try {
      proc.vx.setLimit(xid, name as ContextLimitName, values);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`vc_set_rlimit(): ${e.message}\n`);
    }
  }
}

const SCHED_FILES = { 'fill-rate': 'fillRate', interval: 'interval', tokens: 'tokens', 'tokens-min': 'tokensMin', 'tokens-max': 'tokensMax', 'priority-bias': 'prioBias' } as const;

/** vsched --xid self --force [--dir sched --missingok] (or the deprecated 6-line `schedule`). */
async function applySchedule(proc: Process, guest: Guest, xid: number): Promise<void> {
  const values: Record<string, number> = {};
  if (isDir(proc, `${guest.dir}/sched`)) {
    for (const [file, key] of Object.entries(SCHED_FILES)) {
      const text = await readValue(proc, `${guest.dir}/sched/${file}`);
      if (text === undefined) continue;
      if (!/^-?\d+$/.test(text)) fail(`vsched: ${guest.dir}/sched/${file}: is not an integer`);
      values[key] = Number(text);
    }
  } else if (exists(proc, `${guest.dir}/schedule`)) {
    const lines = ((await readText(proc, `${guest.dir}/schedule`)) ?? '').split('\n').map((l) => l.trim());
    if (lines.length < 6 || lines.slice(0, 6).some((l) => l === '')) fail(`Bad content in '${guest.dir}/schedule'; aborting...`, 1);
    Object.values(SCHED_FILES).forEach((key, i) => (values[key] = Number(lines[i])));
  }
  if (Object.keys(values).length === 0) return;
  syscall('vc_set_sched()', () => proc.vx.setSched(xid, values));
}

/** vuname --xid self --dir uts --missingok, then the CONTEXT name: the configuration directory. */
async function applyNames(proc: Process, guest: Guest, xid: number): Promise<void> {
  for (const field of VHI_FIELDS) {
    if (field === 'CONTEXT') continue;
    const value = await readValue(proc, `${guest.dir}/uts/${field.toLowerCase()}`);
    if (value !== undefined) syscall('vc_set_vhi_name()', () => proc.vx.setName(xid, field, value));
  }
  syscall('vc_set_vhi_name()', () => proc.vx.setName(xid, 'CONTEXT', guest.dir));
}

/** save_ctxinfo: the xid into the run file (which must not exist), and the reverse link. */
async function saveContextInfo(proc: Process, guest: Guest, xid: number): Promise<void> {
  const runFile = syscall(`save_ctxinfo: readlink("${guest.dir}/run")`, () => proc.fs.readlink(`${guest.dir}/run`));
  try {
    await writeText(proc, runFile, `${xid}\n`, { exclusive: true });
  } catch (e) {
    if (e instanceof SyscallError) fail(`save_ctxinfo: open("${runFile}"): ${e.message}`);
    throw e;
  }
  const rev = `${RUNREVDIR}/${xid}`;
  try {
    proc.fs.unlink(rev);
  } catch {
    /* no old link */
  }
  syscall(`save_ctxinfo: symlink("${guest.dir}", "${rev}")`, () => proc.fs.symlink(guest.dir, rev));
}

// ----- starting and entering ---------------------------------------------------------------------

/** `KEY=VALUE` lines as an environment. */
function environmentOf(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const l of lines) {
    const eq = l.indexOf('=');
    if (eq > 0) env[l.slice(0, eq)] = l.slice(eq + 1);
  }
  return env;
}

/** execvp's search of PATH (the environment given to the command, not the caller's). */
function commandPath(proc: Process, name: string, path: string): string | undefined {
  if (name.includes('/')) return name;
  for (const dir of path.split(':')) {
    const candidate = `${dir || '.'}/${name}`;
    try {
      if (proc.fs.stat(candidate).type === 'dir') continue;
      proc.fs.access(candidate, 1);
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** execvp inside the guest; never returns. */
async function execIn(proc: Process, argv: readonly string[], env: Record<string, string>): Promise<never> {
  if (argv.length === 0) fail('No command given; use \'--help\' for more information.');
  const path = commandPath(proc, argv[0]!, env.PATH ?? '/bin:/usr/bin') ?? argv[0]!;
  try {
    return await proc.exec(path, [...argv], env);
  } catch (e) {
    if (e instanceof SyscallError) return fail(`vcontext: execvp("${argv[0]}"): ${e.message}`);
    throw e;
  }
}

/** Lower the context's capabilities to the guest's (vattribute's capability part). */
function applyCapabilities(proc: Process, xid: number, attrs: ReturnType<typeof guestAttributes>): void {
  syscall('vattribute: vc_set_ccaps()', () => proc.vx.setCaps(xid, { bcaps: 0n, bmask: attrs.bcapsRemoved, ccaps: attrs.ccaps, cmask: (1n << 64n) - 1n }), 1);
}

/**
 * The start chain, run by the process that becomes the guest's init command: it never returns
 * normally (it execs), except when the init disconnects (fake init), then with status 0.
 */
export async function startChain(proc: Process, guest: Guest, options: GuestOptions, vdir: string): Promise<number> {
  await applyProcessLimits(proc, guest, options);
  const said = enterNetworkContext(proc, guest, options);
  if (said) await proc.out(said);
  // `pushd vdir` happens on the host: from inside the context the barrier on /vservers stops it.
  proc.fs.chdir(vdir);
  let xid: number;
  try {
    xid = proc.vx.create(options.xid, VXF.state_setup | VXF.state_admin | VXF.state_init);
  } catch (e) {
    if (e instanceof SyscallError) return fail(`vcontext: vc_ctx_create(): ${e.message}`, e.code === 'EEXIST' ? 254 : 255);
    throw e;
  }
  if (options.noisy) await proc.out(`New security context is ${xid}\n`);
  if (options.useNamespace) syscall('vnamespace: vc_set_namespace()', () => proc.fs.setContextNamespace(xid));
  await applyContextLimits(proc, guest, xid);
  await applySchedule(proc, guest, xid);
  await applyNames(proc, guest, xid);
  let attrs: ReturnType<typeof guestAttributes>;
  try {
    attrs = guestAttributes(options);
  } catch (e) {
    if (e instanceof UnknownAttribute) return fail(e.message, 1);
    throw e;
  }
  syscall('vattribute: vc_set_cflags()', () => proc.vx.setFlags(xid, attrs.flags, attrs.flagMask), 1);
  await saveContextInfo(proc, guest, xid);
  const env = environmentOf(options.environment);
  if (options.initStart.length === 0) fail('No command given; use \'--help\' for more information.');
  // vcontext --migrate-self --endsetup --chroot: the setup flag goes, the root becomes the guest's.
  syscall('vcontext: chroot()', () => proc.fs.chroot('.'));
  syscall('vcontext: vc_set_cflags()', () => proc.vx.setFlags(xid, 0n, VXF.state_setup));
  if (!options.fakeInit) {
    applyCapabilities(proc, xid, attrs);
    return execIn(proc, options.initStart, env);
  }
  // --initpid --disconnect: the init runs in the background as the context's init (pid 1 inside).
  proc.fork(async (init) => {
    try {
      init.setsid();
    } catch {
      /* already a leader */
    }
    try {
      syscall('vcontext: vc_ctx_migrate()', () => init.vx.migrate(xid, { initpid: true }));
      applyCapabilities(init, xid, attrs);
      return await execIn(init, options.initStart, env);
    } catch (e) {
      if (!(e instanceof ChainError)) throw e;
      await init.err(`${e.message}\n`);
      return e.status;
    }
  });
  return 0;
}

/** Look a user up in the guest's /etc/passwd (after the chroot). */
async function passwdEntry(proc: Process, user: string): Promise<{ uid: number; gid: number } | undefined> {
  for (const line of ((await readText(proc, '/etc/passwd')) ?? '').split('\n')) {
    const f = line.split(':');
    if (f[0] === user && f.length >= 4) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  return undefined;
}

/** setuid()/setgid(): a process leaving uid 0 loses its capabilities. */
function becomeUser(proc: Process, uid: number, gid: number | undefined): void {
  const cred = proc.task.cred;
  if (gid !== undefined) {
    cred.gid = cred.egid = gid;
    cred.groups = [gid];
  }
  cred.uid = cred.euid = uid;
  if (uid !== 0) cred.caps = 0n;
}

/**
 * The chain that enters a running guest (suexec, exec, enter, and stop's init command): chbind,
 * vspace --enter, vcontext --migrate --chroot --xid N [--uid U], then the command.
 */
export async function enterChain(proc: Process, guest: Guest, options: GuestOptions, vdir: string, xid: number, user: string | undefined, argv: readonly string[], env: Record<string, string>): Promise<never> {
  await applyProcessLimits(proc, guest, options);
  enterNetworkContext(proc, guest, options);
  proc.fs.chdir(vdir);
  if (options.useNamespace) syscall('vnamespace: vc_enter_namespace()', () => proc.fs.enterContextNamespace(xid));
  syscall('vcontext: chroot()', () => proc.fs.chroot('.'));
  syscall('vcontext: vc_ctx_migrate()', () => proc.vx.migrate(xid));
  if (user !== undefined) {
    if (/^\d+$/.test(user)) becomeUser(proc, Number(user), undefined);
    else {
      const pw = await passwdEntry(proc, user);
      if (!pw) fail(`vcontext: Username '${user}' does not exist`);
      becomeUser(proc, pw!.uid, pw!.gid);
    }
  }
  return execIn(proc, argv, env);
}
