/**
 * The build methods (`-m`, reference §8.4): skeleton, apt-rpm, yum, rpm, debootstrap, template,
 * rsync and clone. The package-based ones install through install.ts; template, rsync and clone
 * use the host's tar, cpio and rsync, as util-vserver does.
 */
import type { Process } from '../../../kernel/process.js';
import { IATTR } from '../../../kernel/vfs/constants.js';
import { getopt, UsageError, type OptionDef } from '../../lib/getopt.js';
import { searchPath } from '../../lib/search-path.js';
import type { Build } from './build.js';
import { BuildExit } from './build.js';
import { exists, isDir, isExecutable, mkdirp, readText, writeText } from './files.js';
import { DISTRIBUTIONS, installDistribution, type InstallRequest } from './install.js';
import { CONFDIR, DEFAULT_VSERVERDIR, PKGLIBDIR } from './paths.js';
import { runProgram } from './run.js';

export type BuildMethod = (build: Build, args: readonly string[]) => Promise<void>;

/** The methods' own getopt, named as the script names itself ($0 of vserver-build). */
async function methodOptions(build: Build, args: readonly string[], defs: OptionDef[], prog = `${PKGLIBDIR}/vserver-build`) {
  try {
    const parsed = getopt(args, defs, { posixOrder: true });
    const values = new Map<string, string[]>();
    for (const o of parsed.options) values.set(o.key, [...(values.get(o.key) ?? []), o.value ?? '']);
    return { one: (k: string) => values.get(k)?.at(-1), all: (k: string) => values.get(k) ?? [], has: (k: string) => values.has(k), operands: parsed.operands };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await build.proc.err(`${prog}: ${e.message}\n`);
    throw new BuildExit(1);
  }
}

const D: OptionDef = { short: 'd', arg: 'required' };
const DEBUG: OptionDef = { long: 'debug' };
const PKGMGMT: OptionDef = { long: 'pkgmgmt' };

async function check(status: Promise<number>): Promise<void> {
  const s = await status;
  if (s !== 0) throw new BuildExit(s);
}

/** The package-based methods: everything but the packages is the same. */
async function installWith(build: Build, method: string, extra: string[], mirror?: string): Promise<void> {
  const request: InstallRequest = { method, distribution: build.distribution, root: build.vdir, confdir: build.confdir, pkgdir: build.pkgcfgdir || undefined, set: 'base', extra, mirror };
  await check(installDistribution(build.proc, request));
}

/** rpm.sanityCheck: rpm installs without the distribution's `initpre` deserve a warning. */
async function rpmSanityCheck(build: Build): Promise<void> {
  const d = build.distribution;
  if (DISTRIBUTIONS[d]?.initpre || isExecutable(build.proc, `${CONFDIR}/.distributions/${d}/initpre`)) return;
  await build.colwarning(
    "WARNING: you are going to use an rpm-based installation method without\n  having an 'initpre' script. Such a script is highly recommend to\n  workaround bugs in rpm which can cause messages like\n\n  | error: unpacking of archive failed on file /usr/bin/X11;42dd8791:\n\n  Please read http://linux-vserver.org/HowToRegisterNewDistributions\n  for information how to add support for your own distribution.",
  );
}

/** rpm.initFilesystem and apt.initFilesystem: the external rpm and apt directories. */
async function rpmAptFilesystem(build: Build, apt: boolean): Promise<void> {
  const proc = build.proc;
  mkdirp(proc, `${build.vdir}/dev`);
  mkdirp(proc, `${build.vdir}/var/lock/rpm`);
  mkdirp(proc, `${build.pkgcfgdir}/rpm/etc`);
  mkdirp(proc, `${build.pkgcfgdir}/rpm/state`);
  await writeText(proc, `${build.pkgcfgdir}/rpm/etc/macros`, '%_dbpath /dev\n');
  if (!apt) return;
  for (const d of ['etc/sources.list.d', 'etc/vendors.list.d', 'etc/apt.conf.d', 'archives/partial', 'cache', 'state/lists/partial']) mkdirp(proc, `${build.pkgcfgdir}/apt/${d}`);
}

const skeleton: BuildMethod = async (build, args) => {
  const o = await methodOptions(build, args, [D, DEBUG, PKGMGMT]);
  build.distribution = o.one('d') ?? ':';
  const pkgmgmt = o.has('pkgmgmt');
  await build.init();
  if (pkgmgmt) await build.initPackageManagement();
  await build.initFilesystem();
  if (pkgmgmt) await build.initPackageFilesystem();
  await build.writeConfiguration();
  if (o.operands.length) await check(runProgram(build.proc, o.operands));
};

/** apt-rpm, yum, rpm (--empty or manifests): the rpm family with external package management. */
function rpmMethod(method: 'apt-rpm' | 'yum' | 'rpm' | 'urpmi'): BuildMethod {
  return async (build, args) => {
    const defs = method === 'rpm' ? [D, DEBUG, { long: 'empty' }, { long: 'force' }, { long: 'nodeps' }] : method === 'urpmi' ? [D, DEBUG, { short: 'm', arg: 'required' as const }] : [D, DEBUG];
    const o = await methodOptions(build, args, defs);
    await build.chooseDistribution(o.one('d'), method === 'rpm');
    await build.init();
    await build.initPackageManagement();
    await rpmSanityCheck(build);
    await build.initFilesystem();
    await build.initPackageFilesystem();
    await rpmAptFilesystem(build, method === 'apt-rpm');
    await build.writeConfiguration();
    if (method === 'rpm' && o.has('empty')) return;
    await installWith(build, method, o.operands);
  };
}

const debootstrap: BuildMethod = async (build, args) => {
  const o = await methodOptions(build, args, [D, { short: 'm', arg: 'required' }, { short: 's', arg: 'required' }, DEBUG]);
  await build.chooseDistribution(o.one('d'), true);
  await build.init();
  await build.initFilesystem();
  mkdirp(build.proc, `${build.confdir}/apps/pkgmgmt`);
  await writeText(build.proc, `${build.confdir}/apps/pkgmgmt/internal`, '');
  await build.writeConfiguration();
  const proc = build.proc;
  const program = searchPath(proc, 'debootstrap');
  if (!program) {
    // No debootstrap on the host: the built-in installer stands in for the downloaded one.
    await installWith(build, 'debootstrap', o.operands, o.one('m'));
    return;
  }
  const dev = `${build.vdir}/dev`;
  proc.fs.rename(dev, `${dev}.X`);
  const script = o.one('s');
  await runProgram(proc, [program, ...o.operands, build.distribution, build.vdir, ...(o.one('m') ? [o.one('m')!] : []), ...(script ? [script] : [])]); // errors ignored, as util-vserver does
  await runProgram(proc, ['/bin/rm', '-rf', dev], { quiet: true });
  proc.fs.rename(`${dev}.X`, dev);
};

/** h2ext: how to unpack an archive, from its first bytes. */
async function unpackCommand(proc: Process, file: string): Promise<string[] | undefined> {
  const head = (await readText(proc, file))?.slice(0, 512);
  if (head === undefined) return undefined;
  if (head.startsWith('\x1f\x8b')) return ['/bin/tar', 'xzf', file];
  if (head.startsWith('BZh')) return ['/bin/tar', 'xjf', file];
  if (head.slice(257, 262) === 'ustar') return ['/bin/tar', 'xf', file];
  if (/^07070[17]/.test(head)) return ['/bin/sh', '-c', `/bin/cpio -i -d --quiet <"$0"`, file];
  return undefined;
}

const template: BuildMethod = async (build, args) => {
  const o = await methodOptions(build, args, [D, DEBUG, PKGMGMT, { long: 'nodevsanity' }, { short: 't', long: 'template', arg: 'required' }], 'vserver-build.template');
  const proc = build.proc;
  const cwd = proc.fs.getcwd();
  const templates = [...o.all('t'), ...o.all('template')].map((t) => (t.startsWith('/') ? t : `${cwd}/${t}`));
  await build.chooseDistribution(o.one('d') ?? ':', true);
  const shipped = `${CONFDIR}/.distributions/${build.distribution}/template`;
  if (exists(proc, shipped)) templates.unshift(shipped);
  await build.init();
  if (o.has('pkgmgmt')) await build.initPackageManagement();
  await build.initFilesystem();
  if (o.has('pkgmgmt')) await build.initPackageFilesystem();
  await build.writeConfiguration();
  for (const t of templates) {
    const command = await unpackCommand(proc, t);
    if (!command) {
      await proc.err(`vserver-build.template: ${t}: Unknown format\n`);
      throw new BuildExit(1);
    }
    await check(runProgram(proc, command, { cwd: build.vdir }));
  }
  if (!o.has('nodevsanity')) {
    await runProgram(proc, ['/bin/rm', '-rf', `${build.vdir}/dev`], { quiet: true });
    build.populateDev();
  }
};

const rsync: BuildMethod = async (build, args) => {
  const o = await methodOptions(build, args, [D, DEBUG, PKGMGMT, { short: 's', long: 'source', arg: 'required' }, { short: 'o', arg: 'required' }]);
  const source = o.one('s') ?? o.one('source');
  if (!source) await build.panic('vserver-build.rsync: --source argument required');
  await build.chooseDistribution(o.one('d') ?? ':', true);
  await build.init();
  if (o.has('pkgmgmt')) await build.initPackageManagement();
  await build.initFilesystem();
  if (o.has('pkgmgmt')) await build.initPackageFilesystem();
  await build.writeConfiguration();
  const opts = o.all('o').length ? o.all('o') : ['-Hazx', '--numeric-ids'];
  await check(runProgram(build.proc, ['/usr/bin/rsync', ...opts, ...o.operands, `${source}/`, `${build.vdir}/`]));
};

/** Every file below a directory (relative paths), depth first. */
function* walk(proc: Process, root: string, rel = ''): Generator<string> {
  for (const name of proc.fs.readdir(`${root}${rel}`)) {
    if (name === '.' || name === '..') continue;
    const path = `${rel}/${name}`;
    yield path;
    if (proc.fs.lstat(`${root}${path}`).type === 'dir') yield* walk(proc, root, path);
  }
}

/** clone (vclone): copy the source guest, then link its unified files instead of copying them. */
const clone: BuildMethod = async (build, args) => {
  const o = await methodOptions(build, args, [D, DEBUG, PKGMGMT, { short: 's', long: 'source', arg: 'required' }, { short: 'X', long: 'exclude-from', arg: 'required' }]);
  const proc = build.proc;
  const given = o.one('s') ?? o.one('source') ?? '';
  let source: string | undefined;
  if (given && isDir(proc, given)) source = given;
  else if (given && isDir(proc, `${CONFDIR}/${given}`)) source = proc.fs.realpath(`${CONFDIR}/${given}/vdir`);
  else if (given && isDir(proc, `${DEFAULT_VSERVERDIR}/${given}`)) source = proc.fs.realpath(`${DEFAULT_VSERVERDIR}/${given}`);
  if (!source) return build.panic('vserver-build.clone: valid --source argument required');
  await build.chooseDistribution(o.one('d') ?? ':', true);
  await build.init();
  if (o.has('pkgmgmt')) await build.initPackageManagement();
  await build.initFilesystem();
  if (o.has('pkgmgmt')) await build.initPackageFilesystem();
  await build.writeConfiguration();
  const exclude = o.one('X') ?? o.one('exclude-from');
  await check(runProgram(proc, ['/usr/bin/rsync', '-aH', '--numeric-ids', ...(exclude ? [`--exclude-from=${exclude}`] : []), `${source}/`, `${build.vdir}/`]));
  const unified = IATTR.IMMUTABLE | IATTR.IUNLINK;
  for (const rel of walk(proc, source)) {
    const st = proc.fs.lstat(`${source}${rel}`);
    if (st.type !== 'file' || (st.iattr & unified) !== unified || !exists(proc, `${build.vdir}${rel}`)) continue;
    proc.fs.unlink(`${build.vdir}${rel}`);
    proc.fs.link(`${source}${rel}`, `${build.vdir}${rel}`);
  }
};

export const BUILD_METHODS: Readonly<Record<string, BuildMethod>> = {
  skeleton,
  'apt-rpm': rpmMethod('apt-rpm'),
  yum: rpmMethod('yum'),
  rpm: rpmMethod('rpm'),
  urpmi: rpmMethod('urpmi'),
  debootstrap,
  template,
  rsync,
  clone,
};
