/**
 * module-init-tools 3.1: lsmod, insmod, rmmod, modprobe. They read /proc/modules and
 * /lib/modules/RELEASE/modules.dep through the filesystem and load or unload through
 * init_module/delete_module, so a guest (no CAP_SYS_MODULE, no /lib/modules of its own) gets
 * exactly the refusals of a real one.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { moduleNameOf, moduleTable } from '../../../kernel/modules.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError } from '../../lib/getopt.js';
import { defineProgram } from '../../registry.js';
import { errorMessage } from '../lib/frame.js';

const VERSION = 'module-init-tools version 3.1\n';

/** One line of /proc/modules. */
interface ProcModule {
  name: string;
  size: string;
  refs: number;
  usedBy: string[];
}

function parseProcModules(text: string): ProcModule[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', size = '', refs = '0', users = '-'] = line.split(/\s+/);
      return { name, size, refs: Number(refs), usedBy: users === '-' ? [] : users.split(',').filter(Boolean) };
    });
}

/** /proc/modules, or undefined when it cannot be read (hidden in a guest, /proc not mounted). */
async function readProcModules(proc: Process): Promise<ProcModule[] | undefined> {
  try {
    return parseProcModules(await proc.readFile('/proc/modules'));
  } catch {
    return undefined;
  }
}

/** Messages of insmod's moderror() and modprobe's insert_moderror(). */
function insertError(e: unknown, modprobe: boolean): string {
  const code = e instanceof SyscallError ? e.code : '';
  if (code === 'ENOEXEC') return 'Invalid module format';
  if (code === 'ENOENT') return modprobe ? 'Unknown symbol in module, or unknown parameter (see dmesg)' : 'Unknown symbol in module';
  return errorMessage(e);
}

// ----- lsmod ----------------------------------------------------------------------------------

defineProgram({
  name: 'lsmod',
  main: async (proc) => {
    if (proc.argv.length !== 1) {
      await proc.err('Usage: lsmod\n');
      return 1;
    }
    let text: string;
    try {
      text = await proc.readFile('/proc/modules');
    } catch (e) {
      await proc.err(`Opening /proc/modules: ${errorMessage(e)}\n`);
      return 1;
    }
    let out = 'Module                  Size  Used by\n';
    for (const m of parseProcModules(text)) out += `${m.name.padEnd(19)} ${m.size.padStart(8)}  ${m.refs} ${m.usedBy.join(',')}\n`;
    await proc.out(out);
    return 0;
  },
});

// ----- insmod ---------------------------------------------------------------------------------

defineProgram({
  name: 'insmod',
  main: async (proc) => {
    const file = proc.argv[1];
    if (file === undefined || file === '--help' || file === '-h') {
      await proc.err('Usage: insmod filename [args]\n');
      return 1;
    }
    if (file === '-V' || file === '--version') {
      await proc.out(VERSION);
      return 0;
    }
    let image: string;
    try {
      image = await proc.readFile(file);
    } catch (e) {
      await proc.err(`insmod: can't read '${file}': ${errorMessage(e)}\n`);
      return 1;
    }
    try {
      moduleTable(proc.kernel).initModule(proc.task, image);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`insmod: error inserting '${file}': -1 ${insertError(e, false)}\n`);
      return 1;
    }
    return 0;
  },
});

// ----- rmmod ----------------------------------------------------------------------------------

const RMMOD_USAGE = (name: string) =>
  `Usage: ${name} [-fhswvV] modulename ...\n` +
  ' -f (or --force) forces a module unload, and may crash your\n' +
  '    machine.  This requires the Forced Module Removal option\n' +
  '    when the kernel was compiled.\n' +
  ' -h (or --help) prints this help text\n' +
  ' -s (or --syslog) says use syslog, not stderr\n' +
  ' -v (or --verbose) enables more messages\n' +
  ' -V (or --version) prints the version code\n' +
  ' -w (or --wait) begins a module removal even if it is used\n' +
  '    and will stop new users from accessing the module (so it\n' +
  '    should eventually fall to zero).\n';

defineProgram({
  name: 'rmmod',
  options: ['-f', '-h', '-s', '-v', '-V', '-w'],
  main: async (proc) => {
    let parsed;
    try {
      parsed = getopt(proc.argv.slice(1), [
        { short: 'a', long: 'all' },
        { short: 'f', long: 'force' },
        { short: 'h', long: 'help' },
        { short: '?' },
        { short: 's', long: 'syslog' },
        { short: 'v', long: 'verbose' },
        { short: 'V', long: 'version' },
        { short: 'w', long: 'wait' },
      ]);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`${proc.argv[0]}: ${e.message}\n${RMMOD_USAGE(proc.argv[0]!)}`);
      return 1;
    }
    const keys = new Set(parsed.options.map((o) => o.key));
    if (keys.has('V')) {
      await proc.out(VERSION);
      return 0;
    }
    if (keys.has('h') || keys.has('?')) {
      await proc.err(RMMOD_USAGE(proc.argv[0]!));
      return 1;
    }
    if (parsed.operands.length === 0) {
      if (keys.has('a')) return 1;
      await proc.err(`no module names given\n${RMMOD_USAGE(proc.argv[0]!)}`);
      return 1;
    }
    const force = keys.has('f');
    const wait = keys.has('w');
    let status = 0;
    for (const arg of parsed.operands) {
      const name = moduleNameOf(arg);
      // check_usage(): refuse early when /proc/modules says the module is used or absent.
      if (!wait && !force) {
        const modules = await readProcModules(proc);
        if (modules) {
          const m = modules.find((x) => x.name === name);
          if (!m) {
            await proc.err(`ERROR: Module ${name} does not exist in /proc/modules\n`);
            status = 1;
            continue;
          }
          if (m.refs !== 0) {
            await proc.err(m.usedBy.length ? `ERROR: Module ${name} is in use by ${m.usedBy.join(',')}\n` : `ERROR: Module ${name} is in use\n`);
            status = 1;
            continue;
          }
        }
      }
      try {
        moduleTable(proc.kernel).deleteModule(proc.task, name);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await proc.err(`ERROR: Removing '${name}': ${e.message}\n`);
        // delete_module()'s -1 becomes the exit status: 255.
        status = 255;
      }
    }
    return status;
  },
});

// ----- modprobe -------------------------------------------------------------------------------

const MODPROBE_USAGE = (name: string) =>
  `Usage: ${name} [-v] [-V] [-C config-file] [-n] [-i] [-q] [-b] [-o <modname>] <modname> [parameters...]\n` +
  `${name} -r [-n] [-i] [-v] <modulename> ...\n` +
  `${name} -l -t <dirname> [ -a <modulename> ...]\n`;

/** Thrown by fatal(): the message is printed, modprobe exits 1. */
class Fatal extends Error {}

/** A module of modules.dep: its name, .ko path and dependencies' paths (nearest first). */
interface DepEntry {
  name: string;
  path: string;
  deps: string[];
}

class Modprobe {
  constructor(
    private readonly proc: Process,
    private readonly o: { verbose: boolean; dryRun: boolean; quiet: boolean; firstTime: boolean },
  ) {}

  async fatal(message: string): Promise<never> {
    await this.proc.err(`FATAL: ${message}\n`);
    throw new Fatal(message);
  }

  async warn(message: string): Promise<void> {
    await this.proc.err(`WARNING: ${message}\n`);
  }

  get dir(): string {
    return `/lib/modules/${this.proc.uname().release}`;
  }

  async depends(): Promise<DepEntry[]> {
    const path = `${this.dir}/modules.dep`;
    let text: string;
    try {
      text = await this.proc.readFile(path);
    } catch (e) {
      return this.fatal(`Could not load ${path}: ${errorMessage(e)}`);
    }
    return text
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => {
        const [path = '', deps = ''] = l.split(':');
        return { name: moduleNameOf(path), path, deps: deps.split(/\s+/).filter(Boolean) };
      });
  }

  /** `alias NAME MODULE` lines of /etc/modprobe.conf. */
  async aliases(name: string): Promise<string[]> {
    let text = '';
    try {
      text = await this.proc.readFile('/etc/modprobe.conf');
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[0] === 'alias' && f[1] !== undefined && f[2] !== undefined && f[1].replace(/-/g, '_') === name) out.push(f[2].replace(/-/g, '_'));
    }
    return out;
  }

  /** module_in_kernel(): 1 yes, 0 no, -1 unknown (no /proc/modules); with its use count. */
  async inKernel(name: string): Promise<{ state: 1 | 0 | -1; refs: number }> {
    const modules = await readProcModules(this.proc);
    if (!modules) return { state: -1, refs: 0 };
    const m = modules.find((x) => x.name === name);
    return m ? { state: 1, refs: m.refs } : { state: 0, refs: 0 };
  }

  /** Load a module after its dependencies (whose failures are only warnings). */
  async insert(entry: DepEntry, all: DepEntry[], error: 'fatal' | 'warn', first: boolean): Promise<void> {
    const report = (m: string) => (error === 'fatal' ? this.fatal(m) : this.warn(m));
    for (const depPath of [...entry.deps].reverse()) {
      const dep = all.find((d) => d.path === depPath);
      if (dep) await this.insertOne(dep, (m) => this.warn(m), false);
    }
    await this.insertOne(entry, report, first);
  }

  private async insertOne(entry: DepEntry, report: (m: string) => Promise<void>, first: boolean): Promise<void> {
    let image: string;
    try {
      image = await this.proc.readFile(entry.path);
    } catch (e) {
      return report(`Could not open '${entry.path}': ${errorMessage(e)}`);
    }
    if ((await this.inKernel(entry.name)).state === 1) {
      if (first && this.o.firstTime) await report(`Module ${entry.name} already in kernel.`);
      return;
    }
    if (this.o.verbose) await this.proc.out(`insmod ${entry.path} \n`);
    if (this.o.dryRun) return;
    try {
      moduleTable(this.proc.kernel).initModule(this.proc.task, image);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (e.code === 'EEXIST') {
        if (first && this.o.firstTime) await report(`Module ${entry.name} already in kernel.`);
        return;
      }
      await report(`Error inserting ${entry.name} (${entry.path}): ${insertError(e, true)}`);
    }
  }

  /** Unload a module, then the dependencies nothing else uses any more. */
  async remove(entry: DepEntry, all: DepEntry[], first: boolean): Promise<void> {
    const report = (m: string) => (first ? this.fatal(m) : this.warn(m));
    const k = await this.inKernel(entry.name);
    if (k.state === 0) {
      if (first && this.o.firstTime) await this.fatal(`Module ${entry.name} is not in kernel.`);
    } else if (k.refs !== 0) {
      if (first) await report(`Module ${entry.name} is in use.`);
    } else {
      if (this.o.verbose) await this.proc.out(`rmmod ${entry.path}\n`);
      if (!this.o.dryRun) {
        try {
          moduleTable(this.proc.kernel).deleteModule(this.proc.task, entry.name);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          if (e.code === 'ENOENT') {
            if (first && this.o.firstTime) await this.fatal(`Module ${entry.name} is not in kernel.`);
          } else await report(`Error removing ${entry.name} (${entry.path}): ${e.message}`);
        }
      }
    }
    for (const depPath of entry.deps) {
      const dep = all.find((d) => d.path === depPath);
      if (!dep) continue;
      // modprobe -r takes the dependencies out too, when nothing else uses them.
      const k = await this.inKernel(dep.name);
      if (k.state === 1 && k.refs === 0) await this.remove(dep, all, false);
    }
  }

  async handle(name: string, remove: boolean): Promise<void> {
    const all = await this.depends();
    const targets = (await this.aliases(name)).length ? await this.aliases(name) : [name];
    for (const target of targets) {
      const entry = all.find((d) => d.name === target);
      if (!entry) {
        if (this.o.quiet) throw new Fatal('');
        await this.fatal(`Module ${name} not found.`);
      }
      if (remove) await this.remove(entry!, all, true);
      else await this.insert(entry!, all, targets.length > 1 ? 'warn' : 'fatal', true);
    }
  }
}

defineProgram({
  name: 'modprobe',
  options: ['-r', '-l', '-n', '-v', '-q', '-V', '-a', '-t'],
  main: async (proc) => {
    const usage = async () => {
      await proc.err(MODPROBE_USAGE(proc.argv[0]!));
      return 1;
    };
    let parsed;
    try {
      parsed = getopt(proc.argv.slice(1), [
        { short: 'V', long: 'version' },
        { short: 'v', long: 'verbose' },
        { short: 'C', long: 'config', arg: 'required' },
        { short: 'o', long: 'name', arg: 'required' },
        { short: 'r', long: 'remove' },
        { short: 'c', long: 'showconfig' },
        { short: 't', long: 'type', arg: 'required' },
        { short: 'l', long: 'list' },
        { short: 'a', long: 'all' },
        { short: 'k', long: 'autoclean' },
        { short: 'n', long: 'dry-run' },
        { long: 'show', key: 'n' },
        { short: 'q', long: 'quiet' },
        { short: 's', long: 'syslog' },
        { short: 'i', long: 'ignore-install' },
        { long: 'ignore-remove', key: 'i' },
        { short: 'f', long: 'force' },
        { short: 'b', long: 'use-blacklist' },
        { long: 'first-time' },
      ], { posixOrder: true });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`${proc.argv[0]}: ${e.message}\n`);
      return usage();
    }
    const keys = new Set(parsed.options.map((o) => o.key));
    if (keys.has('V')) {
      await proc.out(VERSION);
      return 0;
    }
    const remove = keys.has('r');
    const all = keys.has('a');
    const list = keys.has('l');
    const type = parsed.options.find((o) => o.key === 't')?.value;
    const names = parsed.operands;
    if (names.length === 0 && !list && !remove && !keys.has('c')) return usage();
    const m = new Modprobe(proc, { verbose: keys.has('v'), dryRun: keys.has('n'), quiet: keys.has('q'), firstTime: keys.has('first-time') });
    try {
      if (list) {
        if (names.length > 1) await m.fatal("Can't have multiple wildcards");
        const pattern = names[0] ?? '*';
        const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
        const entries = await m.depends();
        let out = '';
        for (const e of entries) if (re.test(e.name) && (!type || e.path.includes(`/${type}/`))) out += `${e.path}\n`;
        await proc.out(out);
        return 0;
      }
      if (type) await m.fatal('-t only supported with -l');
      // Without -r or -a, the words after the module name are its parameters.
      const modules = remove || all ? names : names.slice(0, 1);
      for (const name of modules) await m.handle(name.replace(/-/g, '_'), remove);
      return 0;
    } catch (e) {
      if (e instanceof Fatal) return 1;
      throw e;
    }
  },
});
