/**
 * `vserver NAME build` = `vserver-build -n NAME …` (scripts/vserver-build, vserver-build.functions;
 * reference §8.4): option parsing, the checks every method makes first (base.init,
 * base.initFilesystem), the package-management directories, and the cleanup of a failed build.
 * The methods themselves are in methods.ts.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { IATTR } from '../../../kernel/vfs/constants.js';
import { getopt, UsageError, type OptionDef } from '../../lib/getopt.js';
import { exists, findFile, isDir, isDirectoryEmpty, isPresent, mkdirp, readLines, readText, writeText } from './files.js';
import { isKnownDistribution } from './install.js';
import { BUILD_METHODS, type BuildMethod } from './methods.js';
import { CONFDIR, DEFAULT_PKGDIR, DEFAULT_VSERVERDIR, DEFAULTS_DIR, DEVS, PACKAGE_BUGREPORT, PACKAGE_STRING, PACKAGE_VERSION, PKGCACHEDIR } from './paths.js';
import { runProgram } from './run.js';
import { SETUP_HELP, SETUP_OPTION_NAMES, takeSetupOption, writeConfiguration, type SetupOptions } from './setup.js';

/** The build is over: print nothing more, exit with this status (after the cleanup). */
export class BuildExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

/** What a build method works with (the shell variables of vserver-build.functions). */
export class Build {
  /** Files and directories to remove if the build fails (base._addGeneratedFile). */
  readonly generated: string[] = [];
  distribution = '';
  rootdir = '';
  cachedir = '';
  vdir = '';
  pkgcfgdir = '';
  pkgcfgbase: string | undefined;

  constructor(
    readonly proc: Process,
    readonly name: string,
    readonly setup: SetupOptions,
    readonly flags: { force: boolean; keep: boolean; semiforce: boolean; rootdir?: string; pkgbase?: string },
  ) {}

  get confdir(): string {
    return this.setup.confdir || `${CONFDIR}/${this.name}`;
  }

  /** panic: the message on stderr, exit 1. */
  async panic(message: string): Promise<never> {
    await this.proc.err(`${message}\n`);
    throw new BuildExit(1);
  }

  /** colpanic: the message in the error colours on a terminal, then a newline on stdout, exit 1. */
  async colpanic(message: string): Promise<never> {
    await this.proc.err(this.proc.isatty(0) ? `\x1b[1;33;41m${message}\x1b[m` : message);
    await this.proc.out('\n');
    throw new BuildExit(1);
  }

  /** colwarning: a warning, in colour on a terminal. */
  async colwarning(message: string): Promise<void> {
    await this.proc.err(this.proc.isatty(0) ? `\x1b[1;31m${message}\n\x1b[m` : `${message}\n`);
  }

  /** getDistribution: `-d`, else guessed from the host's release files; checked unless told not to. */
  async chooseDistribution(given: string | undefined, ignoreConfig: boolean): Promise<void> {
    let d = given ?? '';
    if (!d) {
      const words = async (path: string) => ((await readText(this.proc, path)) ?? '').trim().split(/\s+/);
      if (exists(this.proc, '/etc/fedora-release')) d = `fdr${(await words('/etc/fedora-release'))[3] ?? ''}`;
      else if (exists(this.proc, '/etc/mandrake-release')) d = `mdv${(await words('/etc/mandrake-release'))[3] ?? ''}`;
      else if (exists(this.proc, '/etc/redhat-release')) d = `rh${(await words('/etc/redhat-release'))[4] ?? ''}`;
      else if (exists(this.proc, '/etc/debian_version')) d = `deb${(await words('/etc/debian_version'))[0] ?? ''}`;
      else await this.colpanic("ERROR: Can not determine distribution; please specify it manually with\n  the '-d' option.");
    }
    this.distribution = d;
    if (!ignoreConfig && !isDir(this.proc, `${CONFDIR}/.distributions/${d}`) && !isKnownDistribution(d)) {
      await this.colpanic(
        `ERROR: Can not find configuration for the distribution '${d}';\n  please read http://linux-vserver.org/HowToRegisterNewDistributions\n  for information how to add support for your own distribution.`,
      );
    }
  }

  /** base.init: the context must not be in use; the root and cache directories must exist. */
  async init(): Promise<void> {
    const ctx = this.setup.context;
    if (ctx && /^\d+$/.test(ctx) && this.proc.vx.exists(Number(ctx))) await this.panic(`Context '${ctx}' is already in use. Please select another one.`);
    if (this.flags.rootdir) this.rootdir = this.flags.rootdir;
    else {
      this.rootdir = [`${DEFAULTS_DIR}/vdirbase`, DEFAULT_VSERVERDIR].find((d) => isDir(this.proc, d)) ?? DEFAULT_VSERVERDIR;
      if (!isDir(this.proc, this.rootdir)) await this.panic(`Root-directory '${this.rootdir}' does not exist or is invalid`);
    }
    this.cachedir = [`${DEFAULTS_DIR}/cachebase`, PKGCACHEDIR].find((d) => isDir(this.proc, d)) ?? PKGCACHEDIR;
    if (!isDir(this.proc, this.cachedir)) await this.panic(`Cache-directory '${this.cachedir}' does not exist or is invalid`);
    this.vdir = `${this.rootdir}/${this.name}`;
  }

  /** `mv P P.~EPOCH~` with the note `say` prints. */
  private async rename(path: string): Promise<void> {
    const to = `${path}.~${Math.floor(this.proc.time())}~`;
    this.proc.fs.rename(path, to);
    await this.proc.out(`Renamed '${path}' to '${to}'\n`);
  }

  /** base.initFilesystem: the guest root, its /dev and /proc, the configuration directory and its links. */
  async initFilesystem(): Promise<void> {
    const proc = this.proc;
    if (this.flags.force) {
      for (const p of [this.vdir, this.confdir]) if (isPresent(proc, p) && !isDirectoryEmpty(proc, p)) await this.rename(p);
    }
    if (!((this.flags.semiforce || isDirectoryEmpty(proc, this.vdir)) && !isPresent(proc, this.confdir))) {
      await this.colpanic(`vserver-topdirectory '${this.vdir}' and/or configuration at '${this.confdir}'\nexist already; please try to use '--force', or remove them manually.`);
    }
    mkdirp(proc, this.vdir, 0o755);
    try {
      proc.fs.setIattr(this.vdir, 0, IATTR.BARRIER);
    } catch {
      /* `|| :` */
    }
    try {
      proc.fs.setIattr(`${this.vdir}/..`, IATTR.BARRIER, 0);
    } catch {
      await this.colwarning(`WARNING: could not set the barrier attribute on '${this.vdir}/..',\n         please set it manually.`);
    }
    this.generated.push(this.vdir);
    mkdirp(proc, `${this.confdir}/apps`, 0o755);
    mkdirp(proc, `${this.vdir}/etc`, 0o755);
    this.generated.push(this.confdir);
    proc.fs.symlink(this.vdir, `${this.confdir}/vdir`);
    proc.fs.symlink(`${this.cachedir}/${this.name}`, `${this.confdir}/cache`);
    this.populateDev();
    mkdirp(proc, `${this.vdir}/proc`);
    const d = this.distribution;
    await this.findAndCopy('hosts', [`${DEFAULTS_DIR}/files/hosts`, `${CONFDIR}/.distributions/${d}/files/hosts`]);
    for (const f of ['nsswitch.conf', 'krb5.conf', 'krb.conf', 'krb.realms', 'ldap.conf', 'localtime']) {
      await this.findAndCopy(f, [`${DEFAULTS_DIR}/files/${f}`, `${CONFDIR}/.distributions/${d}/files/${f}`]);
    }
    await this.findAndCopy('resolv.conf', [`${DEFAULTS_DIR}/files/resolv.conf`, `${CONFDIR}/.distributions/${d}/files/resolv.conf`, '/etc/resolv.conf']);
  }

  private async findAndCopy(name: string, candidates: string[]): Promise<void> {
    const source = findFile(this.proc, candidates);
    if (!source) return;
    const text = await readText(this.proc, source);
    if (text !== undefined) await writeText(this.proc, `${this.vdir}/etc/${name}`, text, { mode: this.proc.fs.stat(source).perm });
  }

  /** populateDev: /dev, /dev/pts and the `devs` list. */
  populateDev(): void {
    const proc = this.proc;
    const dev = `${this.vdir}/dev`;
    mkdirp(proc, dev, 0o755);
    proc.fs.mkdir(`${dev}/pts`, 0o755);
    for (const [name, type, ...rest] of DEVS) {
      const p = `${dev}/${name}`;
      if (type === 'c') {
        proc.fs.mknod(p, 'chardev', rest[2] as number, rest[0] as number, rest[1] as number);
        proc.fs.chmod(p, rest[2] as number);
      } else if (type === 'd') {
        mkdirp(proc, p, rest[0] as number);
        proc.fs.chmod(p, rest[0] as number);
      } else proc.fs.symlink(rest[0] as string, p);
    }
  }

  /** pkgmgmt.initVariables + pkgmgmt.initFilesystem: the external package-management directory. */
  async initPackageManagement(): Promise<void> {
    const proc = this.proc;
    const base = this.flags.pkgbase ?? [`${DEFAULTS_DIR}/apps/pkgmgmt/base`, `${this.rootdir}/.pkg`, DEFAULT_PKGDIR].find((d) => isDir(proc, d)) ?? DEFAULT_PKGDIR;
    if (!isDir(proc, base)) await this.panic(`pkgcfgbase-dir '${base}' does not exist or is invalid`);
    this.pkgcfgbase = base;
    this.pkgcfgdir = `${base}/${this.name}`;
  }

  async initPackageFilesystem(): Promise<void> {
    const proc = this.proc;
    if (this.flags.force && isPresent(proc, this.pkgcfgdir)) await this.rename(this.pkgcfgdir);
    if (isDir(proc, this.pkgcfgdir)) {
      await proc.err("vserver pkgmgmt-directory exists already; please try to use\n'--force'; or remove it manually\n");
      throw new BuildExit(1);
    }
    mkdirp(proc, this.pkgcfgdir);
    this.generated.push(this.pkgcfgdir);
    mkdirp(proc, `${this.confdir}/apps/pkgmgmt`);
    proc.fs.symlink(this.pkgcfgdir, `${this.confdir}/apps/pkgmgmt/base`);
  }

  /** setup_writeOption + setup_writeInitialFstab. */
  writeConfiguration(): Promise<void> {
    return writeConfiguration(this.proc, this.name, this.confdir, this.setup);
  }

  /** base.__cleanup of a failed build. */
  async cleanup(): Promise<void> {
    if (this.flags.keep || this.generated.length === 0) return;
    await runProgram(this.proc, ['/bin/rm', '-rf', ...this.generated], { quiet: true });
  }
}

const BUILD_OPTIONS: OptionDef[] = [
  { short: 'm', arg: 'required' },
  { short: 'n', arg: 'required' },
  { long: 'keep' },
  { long: 'force' },
  { long: 'i-know-its-there' },
  { long: 'debug' },
  { long: 'help' },
  { long: 'version' },
  { long: 'rootdir', arg: 'required' },
  { long: 'pkgbase', arg: 'required' },
  ...SETUP_OPTION_NAMES.map((long): OptionDef => ({ long, arg: 'required' })),
  { long: 'cpusetvirt' },
];

const BUILD_HELP = `Usage: vserver-build -m <method> -n <name> --force <cfg-options>*
    --rootdir <dir> --pkgbase <dir> [--] <method-args>*

Options:
    --force     ...  remove/rename already existing vservers with the same
                     name
    --i-know-its-there
                ...  allow to finish build even if it exists
    --keep      ...  do not delete generated files and directories when
                     build of vserver failed.
    -m <method> ...  use method <method>; see below for possible values
    --rootdir <dir>
                ...  [default: ${DEFAULT_VSERVERDIR}]
    --pkgbase <dir>
                ...  [default: ${DEFAULT_PKGDIR}]

cfg-options are: ${SETUP_HELP}
Possible methods are:
    apt-rpm     ... -- -d <distribution>
                ...  installs the base-packages of the given distribution with
                     help of 'vapt-get'
    yum         ... -- -d <distribution> [-- <packages>*]
                ...  installs the base-packages of the given distribution with
                     help of 'vyum'
    rpm         ... -- [-d <distribution>] --empty|([--force] [--nodeps] <manifest>)+
                ...  installs lists of rpm-packages
    skeleton    ... -- [<cmd> <args>*]
                ...  installs a minimal skeleton filesystem, creates the
                     configuration file and calls an optional command then
    debootstrap ... -- -d <distribution> [-m <mirror>] [-s <script> ] [-- <debootstrap-options>*]
                ...  bootstraps the vserver with Debian's 'debootstrap' package
    template    ... -- (-t <tarball>)+ [-d <distribution>]
                ...  installs a guest using tarball(s)
    rsync       ... -- [-d <distribution>] --source <source> [-- <rsync options>*]
                ...  installs a guest by rsyncing from <source> to the guest root
    clone       ... -- [-d <distribution>] --source <source> [--exclude-from <exclude-list>]
                ...  clones a guest by linking unified files and copying the rest

Please report bugs to ${PACKAGE_BUGREPORT}
`;

const BUILD_VERSION = `vserver-build ${PACKAGE_VERSION} -- initializes a vserver
This program is part of ${PACKAGE_STRING}

Copyright (C) 2003,2004,2005 Enrico Scholz
This program is free software; you may redistribute it under the terms of
the GNU General Public License.  This program has absolutely no warranty.
`;

/** vserver-build: returns the exit status. */
export async function vserverBuild(proc: Process, args: readonly string[]): Promise<number> {
  const defaults = (await readLines(proc, `${DEFAULTS_DIR}/apps/build/options`)) ?? [];
  let parsed;
  try {
    parsed = getopt([...defaults, ...args], BUILD_OPTIONS, { posixOrder: true });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await proc.err(`vserver-build: ${e.message}\n`);
    return 1;
  }
  const setup: SetupOptions = { interfaces: [], flags: [] };
  const flags: Build['flags'] = { force: false, keep: false, semiforce: false };
  let name = '';
  let method = '';
  for (const o of parsed.options) {
    switch (o.key) {
      case 'help':
        await proc.out(BUILD_HELP);
        return 0;
      case 'version':
        await proc.out(BUILD_VERSION);
        return 0;
      case 'force':
        flags.force = true;
        break;
      case 'keep':
        flags.keep = true;
        break;
      case 'i-know-its-there':
        flags.semiforce = true;
        break;
      case 'rootdir':
        flags.rootdir = o.value;
        break;
      case 'pkgbase':
        flags.pkgbase = o.value;
        break;
      case 'm':
        method = o.value ?? '';
        break;
      case 'n':
        name = o.value ?? '';
        break;
      case 'debug':
        break;
      default:
        takeSetupOption(setup, o.key, o.value);
    }
  }
  if (!name) {
    await proc.err('Name of vserver not specified\n');
    return 1;
  }
  if (!method) {
    await proc.err('No build-method specified\n');
    return 1;
  }
  const run: BuildMethod | undefined = BUILD_METHODS[method];
  if (!run) {
    await proc.err(`Unknown build-method '${method}'\n`);
    return 1;
  }
  const build = new Build(proc, name, setup, flags);
  try {
    await run(build, parsed.operands);
    return 0;
  } catch (e) {
    let status: number;
    if (e instanceof BuildExit) status = e.status;
    else if (e instanceof SyscallError) {
      await proc.err(`vserver-build: ${e.message}\n`);
      status = 1;
    } else throw e;
    await build.cleanup();
    return status;
  }
}
