/**
 * Reading a guest's configuration tree (reference §8.3) into what start, stop and exec need:
 * util-vserver's `generateOptions` (scripts/vserver.functions). Errors are the script's own
 * messages, thrown as ConfigError.
 */
import { parseIp4 } from '../../../net/ip4.js';
import type { Process } from '../../../kernel/process.js';
import { basename, exists, findFile, isDir, isExecutable, readItems, readLines, readValue } from './files.js';
import { CONFDIR, DEFAULT_ENVIRONMENT, DEFAULTS_DIR, PKGLIBDIR } from './paths.js';

/** A message the script prints before giving up (panic, or `echo … >&2; return 1`). */
export class ConfigError extends Error {}

/** A guest as the command line names it. */
export interface Guest {
  /** The name or path as given (`status` and `delete` print it). */
  arg: string;
  /** Its configuration directory (VSERVER_DIR). */
  dir: string;
  /** VSERVER_NAME: the directory's base name. */
  name: string;
}

/** One address of `interfaces/` (§8.3): what `ip addr add` gets and what chbind binds to. */
export interface GuestInterface {
  ip: string;
  prefix: string | undefined;
  dev: string | undefined;
  name: string | undefined;
  bcast: string | undefined;
  scope: string | undefined;
  nodev: boolean;
  down: boolean;
}

export interface GuestOptions {
  /** Static xid (`context`); undefined = a dynamic one. */
  xid: number | undefined;
  /** Network context id (`ncontext`, else the xid). */
  nid: number | undefined;
  interfaces: GuestInterface[];
  /** `ip/prefix` values for chbind --ip. */
  addresses: string[];
  /** interfaces/bcast and interfaces/lback. */
  bcast: string | undefined;
  nflags: string[];
  ncaps: string[];
  initStyle: string;
  initStart: string[];
  initStop: string[];
  runlevelStart: string | undefined;
  runlevelStop: string | undefined;
  /** `env -i` environment of the init command. */
  environment: string[];
  /** `signal [wait signal]*`. */
  killSequence: string[];
  /** The init becomes the context's init (plain, minit, `fakeinit` in cflags). */
  fakeInit: boolean;
  /** A private mount namespace (unless `nonamespace`). */
  useNamespace: boolean;
  cflags: string[];
  bcaps: string[];
  ccaps: string[];
  nice: number | undefined;
  /** Helpers say what they do (`noisy` file or `--verbose`): New network/security context is N… */
  noisy: boolean;
}

/** The physical guest root: `vdir` resolved, or the default place when the link is missing. */
export function guestRoot(proc: Process, guest: Guest): string {
  try {
    return proc.fs.realpath(`${guest.dir}/vdir`);
  } catch {
    return `${guest.dir}/vdir`;
  }
}

/** isAvoidNamespace: `nonamespace` in the guest or in .defaults (and no `namespace` file). */
export function avoidsNamespace(proc: Process, dir: string): boolean {
  if (exists(proc, `${dir}/namespace`)) return false;
  return exists(proc, `${DEFAULTS_DIR}/nonamespace`) || exists(proc, `${dir}/nonamespace`);
}

const numberOrUndefined = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

/** mask2prefix: the length of a dotted mask's leading ones. */
function maskToPrefix(mask: string): string | undefined {
  const value = parseIp4(mask);
  if (value === undefined) return undefined;
  let len = 0;
  while (len < 32 && (value & (0x80000000 >>> len)) !== 0) len++;
  return String(len);
}

async function interfaceValue(proc: Process, name: string, dirs: string[]): Promise<string | undefined> {
  for (const d of dirs) {
    const v = await readValue(proc, `${d}/${name}`);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** _generateInterfaceOptions: every `interfaces/<n>/` directory, in name order. */
export async function readInterfaces(proc: Process, dir: string): Promise<GuestInterface[]> {
  const base = `${dir}/interfaces`;
  if (!isDir(proc, base)) return [];
  const names = proc.fs
    .readdir(base)
    .filter((n) => n !== '.' && n !== '..')
    .sort();
  const out: GuestInterface[] = [];
  for (const n of names) {
    const iface = `${base}/${n}`;
    if (!isDir(proc, iface) || exists(proc, `${iface}/disabled`)) continue;
    const both = [iface, base];
    const ip = await interfaceValue(proc, 'ip', [iface]);
    if (!ip) throw new ConfigError(`Can not read ip for '${iface}'`);
    const dev = await interfaceValue(proc, 'dev', both);
    const nodev = exists(proc, `${iface}/nodev`) || exists(proc, `${iface}/only_ip`);
    if (!dev && !exists(proc, `${iface}/nodev`)) throw new ConfigError(`No device specified for '${iface}'`);
    let prefix = await interfaceValue(proc, 'prefix', both);
    if (!prefix) {
      const mask = await interfaceValue(proc, 'mask', both);
      prefix = mask ? maskToPrefix(mask) : undefined;
    }
    out.push({
      ip,
      prefix: prefix || undefined,
      dev,
      name: await interfaceValue(proc, 'name', [iface]),
      bcast: await interfaceValue(proc, 'bcast', both),
      scope: await interfaceValue(proc, 'scope', both),
      nodev,
      down: exists(proc, `${iface}/down`),
    });
  }
  return out;
}

/** The `ip` command lines that put the guest's addresses on the host (enableInterfaces). */
export function interfaceCommands(interfaces: readonly GuestInterface[]): { add: string[]; link: string[] }[] {
  return interfaces
    .filter((i) => !i.nodev && i.dev)
    .map((i) => ({
      add: [`${i.ip}${i.prefix ? `/${i.prefix}` : ''}`, 'broadcast', i.bcast ?? '+', ...(i.name ? ['label', `${i.dev}:${i.name}`] : []), 'dev', i.dev!],
      link: i.down ? [i.dev!] : [i.dev!, 'up'],
    }));
}

const INIT_STYLES = ['sysv', 'plain', 'minit', 'gentoo', 'openrc', 'arch', 'rescue', ''];

/** _generateInitOptions and friends. `rescue` replaces the configured style (`start --rescue`). */
export async function generateOptions(proc: Process, guest: Guest, vdir: string, rescue?: string[]): Promise<GuestOptions> {
  const dir = guest.dir;
  const initDir = `${dir}/apps/init`;
  const interfaces = await readInterfaces(proc, dir);
  const xid = numberOrUndefined(await readValue(proc, `${dir}/context`));
  const nid = numberOrUndefined((await readValue(proc, `${dir}/ncontext`)) ?? (await readValue(proc, `${dir}/context`))) ?? xid;

  let initStyle = rescue ? 'rescue' : ((await readValue(proc, `${initDir}/style`)) ?? 'sysv');
  if (!INIT_STYLES.includes(initStyle)) throw new ConfigError(`Unknown init-style '${initStyle}'; aborting`);
  if (initStyle === 'openrc') initStyle = 'gentoo';
  let runlevelStart = (await readValue(proc, `${initDir}/runlevel`)) ?? undefined;
  runlevelStart = (await readValue(proc, `${initDir}/runlevel.start`)) ?? runlevelStart;
  let runlevelStop = await readValue(proc, `${initDir}/runlevel.stop`);
  const killSequence = (await readLines(proc, `${initDir}/killseq`))?.flatMap((l) => l.trim().split(/\s+/).filter(Boolean)) ?? ['15', '5', '9'];
  const envFile = findFile(proc, [`${initDir}/environment`, `${DEFAULTS_DIR}/apps/init/environment`, `${PKGLIBDIR}/defaults/environment`]);
  const environment = envFile ? ((await readLines(proc, envFile)) ?? []) : [...DEFAULT_ENVIRONMENT];

  let initStart: string[] = [];
  let initStop: string[] = [];
  let fakeInit = false;
  switch (initStyle) {
    case 'rescue':
      initStart = rescue && rescue.length ? rescue : ['/bin/sleep', '900'];
      initStop = ['/sbin/killall5'];
      break;
    case 'sysv':
      runlevelStart ||= '3';
      runlevelStop ||= '6';
      for (const rc of ['/etc/init.d/rc', '/etc/rc.d/rc']) {
        if (!isExecutable(proc, `${vdir}${rc}`)) continue;
        initStart = [rc, runlevelStart];
        initStop = [rc, runlevelStop];
      }
      environment.push('PREVLEVEL=N', `RUNLEVEL=${runlevelStart}`);
      break;
    case 'plain':
      initStart = ['/sbin/init', ...(runlevelStart ? [runlevelStart] : [])];
      initStop = ['/sbin/init', ...(runlevelStop ? [runlevelStop] : [])];
      fakeInit = true;
      break;
    case 'minit':
      initStart = ['/sbin/minit-start', ...(runlevelStart ? [runlevelStart] : [])];
      initStop = ['/sbin/minit-stop', ...(runlevelStop ? [runlevelStop] : [])];
      fakeInit = true;
      break;
    case 'gentoo': {
      runlevelStart ||= 'default';
      const wrapper = ['/lib/rcscripts/sh/init-vserver.sh', '/lib/rc/sh/init-vserver.sh'].find((p) => isExecutable(proc, `${vdir}${p}`));
      if (!wrapper) throw new ConfigError('init-vserver.sh not found; aborting');
      initStart = [wrapper, runlevelStart];
      initStop = ['env', '-i', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'RUNLEVEL=0', '/sbin/rc', 'shutdown'];
      break;
    }
    case 'arch':
      runlevelStart ||= '3';
      initStart = ['/etc/rc.multi'];
      initStop = ['/etc/rc.shutdown'];
      break;
  }
  if (initStyle !== 'rescue') {
    initStart = (await readLines(proc, `${initDir}/cmd.start`)) ?? initStart;
    initStop = (await readLines(proc, `${initDir}/cmd.stop`)) ?? initStop;
  }

  const flagsFile = findFile(proc, [`${dir}/cflags`, `${dir}/flags`]);
  const cflags: string[] = [];
  for (const f of flagsFile ? await readItems(proc, flagsFile) : []) {
    if (f === 'namespace') continue;
    if (f === 'fakeinit') fakeInit = true;
    else cflags.push(f);
  }
  const niceText = await readValue(proc, `${dir}/nice`);
  const nice = niceText !== undefined && /^-?\d+$/.test(niceText) ? Number(niceText) : undefined;

  return {
    xid,
    nid,
    interfaces,
    addresses: interfaces.map((i) => `${i.ip}${i.prefix ? `/${i.prefix}` : ''}`),
    bcast: await readValue(proc, `${dir}/interfaces/bcast`),
    nflags: await readItems(proc, `${dir}/nflags`),
    ncaps: await readItems(proc, `${dir}/ncapabilities`),
    initStyle,
    initStart,
    initStop,
    runlevelStart,
    runlevelStop,
    environment,
    killSequence,
    fakeInit,
    useNamespace: !avoidsNamespace(proc, dir),
    cflags,
    bcaps: await readItems(proc, `${dir}/bcapabilities`),
    ccaps: await readItems(proc, `${dir}/ccapabilities`),
    nice,
    noisy: exists(proc, `${dir}/noisy`),
  };
}

/** The guest a command-line argument names (the script's name resolution, §8.1). */
export function guestOf(proc: Process, given: string): Guest {
  const arg = given.replace(/\/$/, ''); // "${vserver%%/}"
  const trimmed = arg.replace(/\/+$/, '');
  let dir: string;
  if (trimmed.startsWith('./')) dir = `${proc.fs.getcwd()}/${trimmed}`;
  else if (trimmed.startsWith('/')) dir = trimmed;
  else dir = contextDirOf(proc, trimmed) ?? `${CONFDIR}/${trimmed}`;
  return { arg, dir, name: basename(dir) || basename(CONFDIR) };
}

/** An xid given instead of a name: the CONTEXT name of that running context, if it is a directory. */
function contextDirOf(proc: Process, arg: string): string | undefined {
  if (!/^\d+$/.test(arg)) return undefined;
  try {
    const dir = proc.vx.getName(Number(arg), 'CONTEXT');
    return dir && isDir(proc, dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}
