/**
 * /usr/sbin/vserver (util-vserver 0.30, era C; reference §8.1–8.2): global options, naming the
 * guest, and the commands build, start, stop, restart, condrestart, exec, suexec, enter,
 * chkconfig, running, status and delete.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError, type OptionDef } from '../../lib/getopt.js';
import { Reader } from '../../lib/io.js';
import { defineProgram } from '../../registry.js';
import { vserverBuild } from './build.js';
import { ChainError, enterChain } from './chain.js';
import { exists, isDir, isExecutable, readValue } from './files.js';
import { ConfigError, generateOptions, guestOf, guestRoot, type Guest } from './options.js';
import { CONFDIR, DEFAULT_PKGDIR, DEFAULTS_DIR, PACKAGE_BUGREPORT, PACKAGE_STRING, PACKAGE_VERSION, VSERVER_PATH } from './paths.js';
import { runProgram } from './run.js';
import { startVserver, stopVserver } from './start-stop.js';
import { fileAge, readRunState, runningXid } from './status.js';

const HELP = `Usage: vserver [-s|--sync] [-v|--verbose] [--silent] [--debug]
             [--] <vserver> <command> <args>*

<vserver> is the name of a vserver.

Possible commands are:
    start [--rescue [--rescue-init] <rescue-cmd> <args>*]]
                ... starts the specified vserver
    stop [--rescue-init]
                ... stops the specified vserver
    restart     ... restarts the specified vserver; this is the subsequent
                    execution of a synchronized 'stop' and a 'start'
    condrestart ... restarts the vserver when it is running already
    suexec <user> <command> <args*>
                ... executes a command as the specified user in the vserver
    exec <command> <args*>
                ... executes a command as root in the vserver
    enter       ... executes the configured shell in the vserver
    chkconfig <chkconfig-options*>
                ... modifies the init-system; currently, only Red Hat's
                    chkconfig is supported
    running     ... succeeds iff the vserver is running
    status      ... gives out some human readable status information about
                    the vserver, and succeeds iff the vserver is running

    build <buildopts>*
                ... builds a new vserver from scratch, see
                    vserver ... build --help for details
    delete      ... remove a vserver

    unify [-R] <vunify-opts>*
                ... (de)unify the vserver with its reference vserver(s).

    pkg install <pkg>
                ... installs package(s) in the vserver

    apt-get,apt-config,apt-cache <apt-opts>*
                ... execute the apt-* command for the given vserver
    rpm <rpm-opts>*
                ... execute the rpm command for the given vserver

    pkgmgmt externalize|internalize [-y]
                ... externalize or internalize the package-management for the
                    given vserver. 'Externalize' means that package metadata
                    and management tools (apt-get,rpm) are living in the host,
                    while 'internalize' means that data and programs from the
                    vserver will be used.

    hashify
                ... hashify the guest.


Please report bugs to ${PACKAGE_BUGREPORT}
`;

const VERSION = `vserver ${PACKAGE_VERSION} -- manages the state of vservers
This program is part of ${PACKAGE_STRING}

Copyright (C) 2003,2004,2005 Enrico Scholz
This program is free software; you may redistribute it under the terms of
the GNU General Public License.  This program has absolutely no warranty.
`;

const USAGE = `Usage: ${VSERVER_PATH} <vserver> {start|stop|suexec|restart|condrestart|exec|enter|chkconfig|running|status|delete}\n`;

/** Global options of the command line. */
interface Global {
  silent: boolean;
  verbose: boolean;
  sync: boolean;
  /** The guest's output to apps/init/tty or /dev/null (the boot scripts). */
  defaultTty: boolean;
}

const notFound = (guest: Guest) => `Can not find a vserver-setup at '${guest.dir}/'.

Possible solutions:
* fix the spelling of the '${guest.arg}' vserver name
* read 'vserver ${guest.arg} build --help' about ways to create a new vserver
* see 'vserver --help' for the syntax of this command

`;

/** vserver.suexec: run a command as a user inside the running guest (the process becomes it). */
async function suexec(proc: Process, guest: Guest, user: string | undefined, argv: readonly string[]): Promise<number> {
  const xid = await runningXid(proc, guest);
  if (xid === undefined) {
    await proc.err("'vserver ... suexec' is supported for running vservers only; aborting...\n");
    return 1;
  }
  const vdir = guestRoot(proc, guest);
  try {
    const options = await generateOptions(proc, guest, vdir);
    return await enterChain(proc, guest, options, vdir, xid, user, argv, proc.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      await proc.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof ChainError) {
      await proc.err(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
}

/** getEnterShell: `shell` of the guest or .defaults, else the first shell the guest has. */
async function enterShell(proc: Process, guest: Guest): Promise<string[]> {
  for (const f of [`${guest.dir}/shell`, `${DEFAULTS_DIR}/shell`]) {
    const v = await readValue(proc, f);
    if (v) return [v];
  }
  const vdir = `${guest.dir}/vdir`;
  for (const shell of [['/bin/bash', '-login'], ['/bin/sh', '-l'], ['/bin/csh']]) if (isExecutable(proc, `${vdir}${shell[0]}`)) return shell;
  return [];
}

/** vserver.delete: ask, stop, remove the root, the configuration and the package and cache data. */
async function deleteVserver(proc: Process, guest: Guest, g: Global): Promise<number> {
  if (!g.silent) {
    if (proc.isatty(0)) await proc.err(`Are you sure you want to delete the vserver ${guest.arg} (y/N) `);
    const line = await new Reader(proc, 0).line();
    if (!line || !/^[Yy]$/.test(line.text)) return 2;
  }
  if ((await runningXid(proc, guest)) !== undefined) await stopVserver(proc, guest, []);
  const readlink = (p: string): string | undefined => {
    try {
      return proc.fs.readlink(p);
    } catch {
      return undefined;
    }
  };
  const base = [`${DEFAULTS_DIR}/apps/pkgmgmt/base`, DEFAULT_PKGDIR].find((d) => isDir(proc, d)) ?? DEFAULT_PKGDIR;
  const pkgcfgdir = readlink(`${guest.dir}/apps/pkgmgmt/base`) ?? `${base}/${guest.name}`;
  const targets = [guestRoot(proc, guest), guest.dir, pkgcfgdir, readlink(`${guest.dir}/cache`), readlink(`${guest.dir}/run`)].filter((p): p is string => !!p);
  return runProgram(proc, ['/bin/rm', '-rf', ...targets]);
}

async function status(proc: Process, guest: Guest, g: Global): Promise<number> {
  const say = (s: string) => (g.silent ? Promise.resolve() : proc.out(`${s}\n`));
  const state = await readRunState(proc, guest);
  if (!state || state.tasks === 0) {
    await say(`Vserver '${guest.arg}' is stopped`);
    return 3;
  }
  await say(`Vserver '${guest.arg}' is running at context '${state.xid}'`);
  await say(`Number of processes:  ${state.tasks}`);
  await say(`Uptime:               ${fileAge(proc, `${guest.dir}/run`)}`);
  return 0;
}

/** Commands that hand over to other util-vserver tools (vunify, vrpm…), when they are installed. */
const DELEGATED: Record<string, (guest: Guest, args: string[]) => string[]> = {
  unify: (g, a) => ['/usr/sbin/vunify', ...a, g.arg],
  hashify: (g, a) => ['/usr/sbin/vhashify', ...a, g.arg],
  pkg: (g, a) => ['/usr/sbin/vpkg', g.arg, ...a],
  'apt-get': (g, a) => ['/usr/sbin/vapt-get', g.dir, '--', ...a],
  'apt-config': (g, a) => ['/usr/sbin/vapt-get', g.dir, '--', ...a],
  'apt-cache': (g, a) => ['/usr/sbin/vapt-get', g.dir, '--', ...a],
  rpm: (g, a) => ['/usr/sbin/vrpm', g.dir, '--', ...a],
};

/** `getopt -o +sv --long …` of the script (`----nonamespace` and `----insecure` are internal). */
const GLOBAL_OPTIONS: OptionDef[] = [
  { short: 's', long: 'sync', key: 'sync' },
  { short: 'v', long: 'verbose', key: 'verbose' },
  ...['silent', 'debug', 'help', 'version', 'defaulttty', 'nonamespace', '--nonamespace', '--insecure', 'strace', 'debug-sysv'].map((long) => ({ long })),
];

async function vserverMain(proc: Process): Promise<number> {
  let parsed;
  try {
    parsed = getopt(proc.argv.slice(1), GLOBAL_OPTIONS, { posixOrder: true });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await proc.err(`${VSERVER_PATH}: ${e.message}\n`);
    return 1;
  }
  const g: Global = { silent: false, verbose: false, sync: false, defaultTty: false };
  for (const o of parsed.options) {
    if (o.key === 'help' || o.key === 'version') {
      await proc.out(o.key === 'help' ? HELP : VERSION);
      return 0;
    }
    if (o.key === 'silent') g.silent = true;
    if (o.key === 'verbose') g.verbose = true;
    if (o.key === 'sync') g.sync = true;
    if (o.key === 'defaulttty') g.defaultTty = true;
  }
  const [arg = '', cmd = '', ...args] = parsed.operands;
  if (cmd === 'build') return vserverBuild(proc, ['-n', arg, ...args]);

  const guest = guestOf(proc, arg);
  if (!isDir(proc, guest.dir)) {
    if (!arg.includes('/') && exists(proc, `${CONFDIR}/${arg}.conf`)) {
      await proc.err('WARNING: can not find configuration, assuming legacy method\n');
      return runProgram(proc, ['/usr/lib/util-vserver/vserver-legacy', arg, cmd, ...args]);
    }
    await proc.err(notFound(guest));
    return 5;
  }
  proc.fs.chdir('/');
  switch (cmd) {
    case 'start':
      return startVserver(proc, guest, args, g.defaultTty, g.verbose);
    case 'stop':
      return stopVserver(proc, guest, args, g.defaultTty);
    case 'restart':
      await stopVserver(proc, guest, [], g.defaultTty);
      return startVserver(proc, guest, [], g.defaultTty, g.verbose);
    case 'condrestart':
      if ((await runningXid(proc, guest)) === undefined) return 0;
      await stopVserver(proc, guest, [], g.defaultTty);
      return startVserver(proc, guest, [], g.defaultTty, g.verbose);
    case 'suexec':
      return suexec(proc, guest, args[0], args.slice(1));
    case 'exec':
      return suexec(proc, guest, '0', args);
    case 'chkconfig':
      return suexec(proc, guest, '0', ['chkconfig', ...args]);
    case 'enter':
      return suexec(proc, guest, '0', await enterShell(proc, guest));
    case 'running':
      return (await runningXid(proc, guest)) !== undefined ? 0 : 1;
    case 'status':
      return status(proc, guest, g);
    case 'delete':
      return deleteVserver(proc, guest, g);
  }
  const delegated = DELEGATED[cmd];
  if (delegated) {
    const argv = delegated(guest, args);
    if (!isExecutable(proc, argv[0]!)) {
      await proc.err(`${VSERVER_PATH}: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    return runProgram(proc, argv);
  }
  await proc.err(USAGE);
  return 2;
}

defineProgram({
  name: 'vserver',
  vszKb: 2856,
  rssKb: 1204,
  options: ['start', 'stop', 'restart', 'condrestart', 'suexec', 'exec', 'enter', 'chkconfig', 'running', 'status', 'build', 'delete', '--help', '--version', '--silent', '--verbose', '--sync'],
  async main(proc) {
    try {
      return await vserverMain(proc);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`vserver: ${e.message}\n`);
      return 1;
    }
  },
});
