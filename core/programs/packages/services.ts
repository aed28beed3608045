/**
 * Red Hat's service tools: /sbin/service (initscripts 7.93's script, here a program), chkconfig
 * 1.3.13 (--list, --add, --del, [--level L] NAME on|off|reset, NAME), and the helpers the
 * /etc/init.d/functions library calls: initlog, consoletype and usleep.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import type { WaitStatus } from '../../kernel/task.js';
import { chkconfigHeader } from '../../world/presets/init-scripts.js';
import { defineProgram } from '../registry.js';

const INIT_D = '/etc/rc.d/init.d';
const RC_D = '/etc/rc.d';
/** The runlevel the host runs in (inittab's initdefault). */
const CURRENT_RUNLEVEL = 3;

/** A shell-style exit status of a wait status. */
export function exitCode(st: WaitStatus): number {
  if (st.kind === 'exited') return st.code;
  if (st.kind === 'signaled') return 128 + st.signal;
  return 1;
}

/** Run a program and wait for it; a failure to exec ends the child with 126/127 and a message. */
async function runAndWait(proc: Process, path: string, argv: string[], env: Record<string, string>): Promise<number> {
  const pid = proc.fork(async (child) => {
    try {
      return await child.exec(path, argv, env);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await child.err(`${argv[0]}: ${e.message}\n`);
      return e.code === 'ENOENT' ? 127 : 126;
    }
  });
  return exitCode(await proc.waitStatus(pid));
}

/** The first executable a PATH search finds, or the name itself when it contains a slash. */
function lookPath(proc: Process, name: string): string | undefined {
  if (name.includes('/')) return name;
  for (const dir of (proc.env.PATH ?? '/sbin:/usr/sbin:/bin:/usr/bin').split(':')) {
    const candidate = `${dir || '.'}/${name}`;
    try {
      const st = proc.fs.stat(candidate);
      if (st.type === 'file' && (st.perm & 0o111) !== 0) return candidate;
    } catch {
      /* next directory */
    }
  }
  return undefined;
}

// ----- service -------------------------------------------------------------------------------

const SERVICE_USAGE = 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n';

defineProgram({
  name: 'service',
  vszKb: 4300,
  rssKb: 1100,
  options: ['--status-all', '--help', '--version'],
  async main(proc) {
    const args = proc.argv.slice(1);
    // service runs the script with `env -i LANG=$LANG PATH=$PATH TERM=$TERM`.
    const env: Record<string, string> = {
      LANG: proc.env.LANG ?? '',
      PATH: '/sbin:/usr/sbin:/bin:/usr/bin',
      TERM: proc.env.TERM ?? '',
    };
    if (args.length === 0) {
      await proc.err(SERVICE_USAGE);
      return 1;
    }
    const first = args[0]!;
    if (first === '-h' || first === '--help') {
      await proc.err(SERVICE_USAGE);
      return 0;
    }
    if (first === '-V' || first === '--version') {
      await proc.out('service ver. 0.91\n');
      return 0;
    }
    if (first === '--status-all') {
      let names: string[] = [];
      try {
        names = proc.fs.readdir(INIT_D).sort();
      } catch {
        /* no init.d */
      }
      for (const name of names) {
        if (name === 'functions' || name === 'halt' || name === 'killall' || name.endsWith('.rpmsave') || name.endsWith('.rpmnew') || name.endsWith('~')) continue;
        const path = `${INIT_D}/${name}`;
        try {
          const st = proc.fs.stat(path);
          if (st.type !== 'file' || (st.perm & 0o111) === 0) continue;
        } catch {
          continue;
        }
        await runAndWait(proc, path, [path, 'status'], env);
      }
      return 0;
    }
    const name = first;
    const script = `/etc/init.d/${name}`;
    let isFile = false;
    try {
      isFile = proc.fs.stat(script).type === 'file';
    } catch {
      /* not there */
    }
    if (!isFile) {
      await proc.err(`${name}: unrecognized service\n`);
      return 1;
    }
    if (args[1] === '--full-restart') {
      await runAndWait(proc, script, [script, 'stop'], env);
      return runAndWait(proc, script, [script, 'start'], env);
    }
    return runAndWait(proc, script, [script, ...args.slice(1)], env);
  },
});

// ----- chkconfig -----------------------------------------------------------------------------

const CHKCONFIG_USAGE =
  'chkconfig version 1.3.13.3 - Copyright (C) 1997-2000 Red Hat, Inc.\n' +
  'This may be freely redistributed under the terms of the GNU Public License.\n\n' +
  'usage:   chkconfig --list [name]\n' +
  '         chkconfig --add <name>\n' +
  '         chkconfig --del <name>\n' +
  '         chkconfig [--level <levels>] <name> <on|off|reset>\n';

interface ServiceInfo {
  name: string;
  levels: string;
  start: number;
  stop: number;
}

const two = (n: number) => String(n).padStart(2, '0');

class Chkconfig {
  constructor(private readonly proc: Process) {}

  /** The script's chkconfig header; an error message when it cannot be read. */
  async info(name: string): Promise<ServiceInfo | string> {
    let text: string;
    try {
      text = await this.proc.readFile(`${INIT_D}/${name}`);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return `error reading information on service ${name}: ${e.message}\n`;
    }
    const h = chkconfigHeader(text);
    if (!h) return `service ${name} does not support chkconfig\n`;
    return { name, ...h };
  }

  /** Runlevel links of a service: level → 'S' | 'K' (absent = no link). */
  links(name: string): Map<number, { kind: 'S' | 'K'; file: string }[]> {
    const out = new Map<number, { kind: 'S' | 'K'; file: string }[]>();
    for (let level = 0; level <= 6; level++) {
      let entries: string[] = [];
      try {
        entries = this.proc.fs.readdir(`${RC_D}/rc${level}.d`);
      } catch {
        /* no directory */
      }
      const mine = entries
        .filter((e) => /^[SK]\d\d/.test(e) && e.slice(3) === name)
        .map((file) => ({ kind: file[0] as 'S' | 'K', file }));
      if (mine.length) out.set(level, mine);
    }
    return out;
  }

  isOn(name: string, level: number): boolean {
    return (this.links(name).get(level) ?? []).some((l) => l.kind === 'S');
  }

  /** Replace the links of the levels given by S (on) or K (off) links. */
  setLinks(s: ServiceInfo, levels: number[], on: (level: number) => boolean): void {
    const existing = this.links(s.name);
    for (const level of levels) {
      const dir = `${RC_D}/rc${level}.d`;
      for (const l of existing.get(level) ?? []) this.proc.fs.unlink(`${dir}/${l.file}`);
      const link = on(level) ? `S${two(s.start)}${s.name}` : `K${two(s.stop)}${s.name}`;
      try {
        this.proc.fs.mkdir(dir, 0o755);
      } catch {
        /* exists */
      }
      this.proc.fs.symlink(`../init.d/${s.name}`, `${dir}/${link}`);
    }
  }

  line(name: string): string {
    let text = name.padEnd(15);
    for (let level = 0; level <= 6; level++) text += `\t${level}:${this.isOn(name, level) ? 'on' : 'off'}`;
    return text + '\n';
  }
}

const ALL_LEVELS = [0, 1, 2, 3, 4, 5, 6];

defineProgram({
  name: 'chkconfig',
  vszKb: 2460,
  rssKb: 540,
  options: ['--list', '--add', '--del', '--level'],
  async main(proc) {
    const args = proc.argv.slice(1);
    const cc = new Chkconfig(proc);
    const usage = async () => {
      await proc.err(CHKCONFIG_USAGE);
      return 1;
    };
    let levelArg: string | undefined;
    const rest: string[] = [];
    let mode: 'list' | 'add' | 'del' | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--list') mode = 'list';
      else if (a === '--add') mode = 'add';
      else if (a === '--del') mode = 'del';
      else if (a === '--level') {
        levelArg = args[++i];
        if (levelArg === undefined) return usage();
      } else if (a.startsWith('--level=')) levelArg = a.slice(8);
      else if (a.startsWith('-')) return usage();
      else rest.push(a);
    }
    let levels: number[] | undefined;
    if (levelArg !== undefined) {
      if (!/^[0-6]+$/.test(levelArg)) {
        await proc.err('chkconfig: invalid levels\n');
        return 1;
      }
      levels = [...new Set(levelArg.split('').map(Number))].sort();
    }

    if (mode === 'list') {
      if (rest.length > 1) return usage();
      if (rest.length === 1) {
        const s = await cc.info(rest[0]!);
        if (typeof s === 'string') {
          await proc.err(s);
          return 1;
        }
        if (cc.links(s.name).size === 0) {
          await proc.err(`service ${s.name} supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add ${s.name}')\n`);
          return 1;
        }
        await proc.out(cc.line(s.name));
        return 0;
      }
      let names: string[] = [];
      try {
        names = proc.fs.readdir(INIT_D).sort();
      } catch {
        /* none */
      }
      let text = '';
      for (const name of names) {
        const s = await cc.info(name);
        if (typeof s === 'string' || cc.links(name).size === 0) continue;
        text += cc.line(name);
      }
      await proc.out(text);
      return 0;
    }

    if (rest.length === 0) return usage();
    if (proc.task.cred.euid !== 0 && mode !== undefined) {
      await proc.err('You do not have enough privileges to perform this operation.\n');
      return 1;
    }
    const s = await cc.info(rest[0]!);
    if (typeof s === 'string') {
      await proc.err(s);
      return 1;
    }
    const header = (level: number) => s.levels.includes(String(level));
    try {
      if (mode === 'add') {
        // Keep a service's existing state; add links following the header otherwise.
        if (cc.links(s.name).size === 0) cc.setLinks(s, ALL_LEVELS, header);
        return 0;
      }
      if (mode === 'del') {
        for (const [level, ls] of cc.links(s.name)) for (const l of ls) proc.fs.unlink(`${RC_D}/rc${level}.d/${l.file}`);
        return 0;
      }
      if (rest.length === 1) {
        // chkconfig NAME: is it on in the current runlevel (or every level of --level)?
        const check = levels ?? [CURRENT_RUNLEVEL];
        return check.every((l) => cc.isOn(s.name, l)) ? 0 : 1;
      }
      if (rest.length !== 2) return usage();
      const state = rest[1]!;
      if (proc.task.cred.euid !== 0) {
        await proc.err('You do not have enough privileges to perform this operation.\n');
        return 1;
      }
      if (state === 'on' || state === 'off') {
        cc.setLinks(s, levels ?? [2, 3, 4, 5], () => state === 'on');
        return 0;
      }
      if (state === 'reset') {
        cc.setLinks(s, levels ?? ALL_LEVELS, header);
        return 0;
      }
      return usage();
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`chkconfig: ${e.message}\n`);
      return 1;
    }
  },
});

// ----- initlog, consoletype, usleep ------------------------------------------------------------

/** initlog's own word splitting of -c: spaces separate, quotes group. */
export function splitCommand(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (const ch of cmd) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A syslog time stamp ("Mar 27 14:02:11") of the simulated clock, UTC. */
function syslogStamp(epoch: number): string {
  const d = new Date(epoch * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

defineProgram({
  name: 'initlog',
  vszKb: 1600,
  rssKb: 400,
  async main(proc) {
    const args = proc.argv.slice(1);
    let cmd: string | undefined;
    let name: string | undefined;
    let message: string | undefined;
    let event: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c' || a === '--cmd') cmd = args[++i];
      else if (a === '-n' || a === '--name') name = args[++i];
      else if (a === '-s' || a === '--string') message = args[++i];
      else if (a === '-e' || a === '--event') event = args[++i];
      else if (a === '-q' || a === '-r' || a === '--run' || a === '-f' || a === '-p') {
        if (a === '-f' || a === '-p') i++;
      }
    }
    if (cmd !== undefined) {
      const argv = splitCommand(cmd);
      if (argv.length === 0) return 0;
      const path = lookPath(proc, argv[0]!);
      if (!path) {
        await proc.err(`initlog: execvp: No such file or directory\n`);
        return 1;
      }
      return runAndWait(proc, path, argv, proc.env);
    }
    if (message !== undefined) {
      // `-e 1` is success, `-e 2` failure: logged by syslog as "NAME: MESSAGE succeeded/failed".
      const outcome = event === '1' ? ' succeeded' : event === '2' ? ' failed' : '';
      const tag = (name ?? 'initlog').replace(/^.*\//, '');
      const host = proc.uname().nodename.split('.')[0];
      try {
        const fd = proc.open('/var/log/messages', O_WRONLY | O_APPEND | O_CREAT, 0o600);
        await proc.write(fd, `${syslogStamp(proc.time())} ${host} ${tag}: ${message}${outcome}\n`);
        proc.close(fd);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
      }
    }
    return 0;
  },
});

defineProgram({
  name: 'consoletype',
  vszKb: 1400,
  rssKb: 300,
  async main(proc) {
    // RHEL 4: a pseudo-terminal is "pty" (status 2), a virtual console "vt" (0), anything else "serial" (1).
    const tty = proc.ttyOf(0);
    if (tty && tty.name.startsWith('pts/')) {
      await proc.out('pty\n');
      return 2;
    }
    if (tty && /^(tty\d+|console)$/.test(tty.name)) {
      await proc.out('vt\n');
      return 0;
    }
    await proc.out('serial\n');
    return 1;
  },
});

defineProgram({
  name: 'usleep',
  vszKb: 1400,
  rssKb: 300,
  async main(proc) {
    const arg = proc.argv[1] ?? '1';
    if (!/^\d+$/.test(arg)) {
      await proc.err(`usleep: bad argument: ${arg}\n`);
      return 1;
    }
    await proc.sleep(Math.max(1, Math.floor(Number(arg) / 1000)));
    return 0;
  },
});
