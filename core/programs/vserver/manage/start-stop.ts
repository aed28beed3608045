/**
 * `vserver NAME start` and `stop` (scripts/vserver.start, vserver.stop; reference §8.5), in the
 * scripts' order: the interfaces on the host, the fstab in a private mount namespace, the chain
 * that creates the context and runs the init command; and for stop the stop command inside the
 * context, the kill sequence, and the cleanup.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { O_RDWR } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { SIG } from '../../../kernel/signals.js';
import { VXF } from '../../../kernel/vserver/bits.js';
import { ChainError, enterChain, startChain } from './chain.js';
import { exists, findFile, isDir, isExecutable } from './files.js';
import { mountGuest, umountGuest } from './mounts.js';
import { ConfigError, generateOptions, guestRoot, interfaceCommands, readInterfaces, avoidsNamespace, type Guest, type GuestOptions } from './options.js';
import { DEFAULTS_DIR } from './paths.js';
import { changeInterfaces, runProgram } from './run.js';
import { runningXid } from './status.js';

const warning = (proc: Process, text: string) => proc.err(`${text}\n`);

/** execScriptlets: `scripts/<phase>` and `scripts/<phase>.d/*` of the guest, else of .defaults. */
async function runScriptlets(proc: Process, guest: Guest, phase: string): Promise<number> {
  for (const base of [`${guest.dir}/scripts`, `${DEFAULTS_DIR}/scripts`]) {
    const candidates = [`${base}/${phase}`];
    if (isDir(proc, `${base}/${phase}.d`)) candidates.push(...proc.fs.readdir(`${base}/${phase}.d`).filter((n) => !n.startsWith('.')).sort().map((n) => `${base}/${phase}.d/${n}`));
    let handled = false;
    for (const script of candidates) {
      if (!exists(proc, script) || proc.fs.stat(script).type !== 'file') continue;
      handled = true;
      const argv = isExecutable(proc, script) ? [script, phase, guest.name] : ['/bin/bash', script, phase, guest.name];
      const status = await runProgram(proc, argv);
      if (status !== 0) return status;
    }
    if (handled) break;
  }
  return 0;
}

const INIT_FAILED = (cmd: readonly string[]) => `
An error occured while executing the vserver startup sequence; when
there are no other messages, it is very likely that the init-script
(${cmd.join(' ')}) failed.

Common causes are:
* /etc/rc.d/rc on Fedora Core 1 and RH9 fails always; the 'apt-rpm' build
  method knows how to deal with this, but on existing installations,
  appending 'true' to this file will help.`;

/** setDefaultTTY (`--defaulttty`, the boot scripts): the guest's output to apps/init/tty or nowhere. */
function setDefaultTty(proc: Process, guest: Guest): void {
  const tty = findFile(proc, [`${guest.dir}/apps/init/tty`, `${DEFAULTS_DIR}/apps/init/tty`]) ?? '/dev/null';
  const fd = proc.open(tty, O_RDWR);
  for (const n of [0, 1, 2]) proc.dup2(fd, n);
  if (fd > 2) proc.close(fd);
}

/** vserver … start [--rescue [cmd…]]: the exit status. */
/**
 * The seed's host set-up rule: host services must not bind ANY (0.0.0.0), or they take their port
 * from every guest. Starting a guest names each such listener (a vlab addition: util-vserver
 * itself leaves the guest's service to fail).
 */
async function warnAboutHostBindAny(proc: Process): Promise<void> {
  let listeners;
  try {
    listeners = proc.net.sockets({ protocol: 'tcp' }).filter((s) => s.state === 'LISTEN' && s.localAddr === 0 && s.nid === undefined);
  } catch (e) {
    if (e instanceof SyscallError) return;
    throw e;
  }
  for (const s of listeners) {
    const who = s.program ? ` '${s.program.split('/')[1] ?? s.program}'` : '';
    await warning(proc, `WARNING: host service${who} listens on 0.0.0.0:${s.localPort}; guests cannot use port ${s.localPort}`);
  }
}

export async function startVserver(proc: Process, guest: Guest, args: readonly string[], defaultTty = false, verbose = false): Promise<number> {
  let rescue: string[] | undefined;
  const rest = [...args];
  while (rest.length) {
    const a = rest[0]!;
    if (a === '--rescue') rescue = [];
    else if (a === '--rescue-init') {
      /* the rescue command becomes a fake init: nothing more to model */
    } else if (a === '--') {
      rest.shift();
      break;
    } else if (a.startsWith('-')) {
      await warning(proc, `vserver ... start: unknown option '${a}'`);
      return 1;
    } else break;
    rest.shift();
  }
  if (rescue) rescue = rest;

  if ((await runningXid(proc, guest)) !== undefined) {
    await warning(proc, `vserver '${guest.name}' already running`);
    return 0;
  }
  await warnAboutHostBindAny(proc);
  const vdir = guestRoot(proc, guest);
  const state = { configured: false, mounted: false, interfaces: false, options: undefined as GuestOptions | undefined };
  const fail = async (status: number): Promise<number> => {
    if (state.configured) await warning(proc, INIT_FAILED(state.options?.initStart ?? []));
    await warning(proc, `\n\nFailed to start vserver '${guest.name}'`);
    if (state.mounted && state.options && !state.options.useNamespace) await umountGuest(proc, guest, vdir);
    if (state.interfaces && state.options) await changeInterfaces(proc, interfaceCommands(state.options.interfaces), 'del', true);
    return status;
  };

  let options: GuestOptions;
  try {
    options = await generateOptions(proc, guest, vdir, rescue);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    await warning(proc, e.message);
    return fail(1);
  }
  state.options = options;
  options.noisy ||= verbose;
  for (const phase of ['initialize', 'prepre-start']) {
    const s = await runScriptlets(proc, guest, phase);
    if (s) return fail(s);
  }
  // `vserver … start` re-runs itself under `vnamespace --new`: the guest's mounts stay in that namespace.
  if (options.useNamespace) {
    try {
      proc.fs.unshareNamespace();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await warning(proc, `vnamespace: clone(): ${e.message}`);
      return 255;
    }
  }
  await changeInterfaces(proc, interfaceCommands(options.interfaces), 'add');
  state.interfaces = true;
  state.mounted = await mountGuest(proc, guest, vdir);
  await prepareInit(proc, options, vdir);
  {
    const s = await runScriptlets(proc, guest, 'pre-start');
    if (s) return fail(s);
  }

  state.configured = true;
  const pid = proc.fork(async (child) => {
    if (defaultTty) setDefaultTty(child, guest);
    try {
      return await startChain(child, guest, options, vdir);
    } catch (e) {
      if (!(e instanceof ChainError)) throw e;
      await child.err(`${e.message}\n`);
      return e.status;
    }
  });
  const result = await proc.waitStatus(pid);
  const status = result.kind === 'exited' ? result.code : result.kind === 'signaled' ? 128 + result.signal : 0;
  if (status !== 0) return fail(status);
  await runScriptlets(proc, guest, 'post-start');
  return 0;
}

/** prepareInit: sysv clears the guest's /var/run and /var/lock files; plain removes fsck triggers. */
async function prepareInit(proc: Process, options: GuestOptions, vdir: string): Promise<void> {
  const remove = (path: string) => {
    try {
      proc.fs.unlink(path);
    } catch {
      /* not there */
    }
  };
  if (options.initStyle === 'sysv') {
    const clear = (dir: string) => {
      if (!isDir(proc, dir) || proc.fs.lstat(dir).type === 'symlink') return;
      for (const name of proc.fs.readdir(dir)) {
        if (name === '.' || name === '..') continue;
        const p = `${dir}/${name}`;
        if (proc.fs.lstat(p).type === 'dir') clear(p);
        else remove(p);
      }
    };
    clear(`${vdir}/var/run`);
    clear(`${vdir}/var/lock`);
  } else if (options.initStyle === 'plain') {
    for (const f of ['.autofsck', 'forcefsck', 'fastboot']) remove(`${vdir}/${f}`);
  }
}

/** vkill --xid N [pid]: errors ignored (killContext). */
function killContext(proc: Process, xid: number, sig: number): void {
  for (const pid of [1, 0]) {
    try {
      proc.vx.kill(xid, pid, sig);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }
}

const SIGNALS: Record<string, number> = { HUP: SIG.HUP, INT: SIG.INT, KILL: SIG.KILL, TERM: SIG.TERM, USR1: SIG.USR1, USR2: SIG.USR2 };
const signalNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (SIGNALS[s.replace(/^SIG/, '')] ?? SIG.TERM));

const contextRunning = (proc: Process, xid: number): boolean => proc.vx.exists(xid) && proc.vx.info(xid).tasks > 0;

/** sendKillSequence: signal, then while the context lives, wait and send the next. */
async function sendKillSequence(proc: Process, xid: number, sequence: readonly string[]): Promise<void> {
  let wait: number | undefined;
  for (let i = 0; i < sequence.length && contextRunning(proc, xid); i += 2) {
    if (wait !== undefined) await proc.sleep(wait * 1000);
    if (!contextRunning(proc, xid)) break;
    killContext(proc, xid, signalNumber(sequence[i]!));
    await proc.checkpoint();
    if (sequence[i + 1] === undefined) break;
    wait = Number(sequence[i + 1]);
  }
}

/** vserver … stop: the exit status. */
export async function stopVserver(proc: Process, guest: Guest, args: readonly string[], defaultTty = false): Promise<number> {
  for (const a of args) {
    if (a === '--rescue-init' || a === '--') continue;
    await warning(proc, `vserver ... stop: unknown option '${a}'`);
    return 1;
  }
  const vdir = guestRoot(proc, guest);
  const xid = await runningXid(proc, guest);
  if (xid === undefined) {
    await warning(proc, `vserver '${guest.name}' is not running`);
    // Clean up what a failed start may have left, quietly.
    try {
      if (avoidsNamespace(proc, guest.dir)) await umountGuest(proc, guest, vdir);
      await changeInterfaces(proc, interfaceCommands(await readInterfaces(proc, guest.dir)), 'del', true);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
    }
    return 0;
  }
  let options: GuestOptions;
  try {
    options = await generateOptions(proc, guest, vdir);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    await warning(proc, e.message);
    return 1;
  }
  await runScriptlets(proc, guest, 'pre-stop');
  try {
    proc.vx.setFlags(xid, 0n, VXF.sc_helper);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  if (options.fakeInit) {
    try {
      proc.vx.kill(xid, 1, SIG.INT);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  } else if (options.initStop.length) {
    // The stop command runs inside the guest, with the runlevels Debian's scripts expect.
    const env = { ...proc.env, ...(options.initStyle === 'sysv' ? { PREVLEVEL: options.runlevelStart ?? '3', RUNLEVEL: options.runlevelStop ?? '6' } : {}) };
    const pid = proc.fork(async (child) => {
      if (defaultTty) setDefaultTty(child, guest);
      try {
        return await enterChain(child, guest, options, vdir, xid, undefined, options.initStop, env);
      } catch (e) {
        if (!(e instanceof ChainError)) throw e;
        await child.err(`${e.message}\n`);
        return e.status;
      }
    });
    await proc.waitStatus(pid);
  }
  try {
    proc.vx.setFlags(xid, 0n, VXF.persistent);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  await proc.sleep(1000);
  await sendKillSequence(proc, xid, options.killSequence);
  if ((await runningXid(proc, guest)) !== undefined) await warning(proc, `Vserver '${guest.dir}' still running unexpectedly; please investigate it manually...`);
  await runScriptlets(proc, guest, 'post-stop');
  if (!options.useNamespace) await umountGuest(proc, guest, vdir);
  await changeInterfaces(proc, interfaceCommands(options.interfaces), 'del');
  await runScriptlets(proc, guest, 'postpost-stop');
  return 0;
}
