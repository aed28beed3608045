/**
 * The configuration options of `vserver … build` (scripts/vserver-setup.functions, reference
 * §8.4) and the configuration tree they write: name, context, uts/nodename, interfaces/,
 * cflags, apps/init/style, the run link and the initial fstab.
 */
import type { Process } from '../../../kernel/process.js';
import { exists, findFile, mkdirp, readText, readValue, writeText } from './files.js';
import { CONFDIR, CONTEXT_START, DEFAULT_FSTAB, DEFAULTS_DIR, PKGLIBDIR, RUNDIR } from './paths.js';

export interface SetupOptions {
  context?: string;
  confdir?: string;
  lockfile?: string;
  hostname?: string;
  netdev?: string;
  netmask?: string;
  netprefix?: string;
  netbcast?: string;
  interfaces: string[];
  flags: string[];
  initstyle?: string;
  cpuset?: string;
  cpusetcpus?: string;
  cpusetmems?: string;
  cpusetvirt?: boolean;
}

/** The long options setup_setOption2 understands, as getopt definitions. */
export const SETUP_OPTION_NAMES = ['confdir', 'lockfile', 'hostname', 'netdev', 'netmask', 'netprefix', 'netbcast', 'interface', 'flags', 'context', 'initstyle', 'cpuset', 'cpusetcpus', 'cpusetmems'] as const;

export const SETUP_HELP = `
    --context   ...  the static context of the vserver [default: none; one will
                     be generated for you]
    --confdir   ...  [default: ${CONFDIR}/<name>]
    --lockfile <filename>
                ...  [default: ${RUNDIR}/<name>]
    --hostname <hostname>
    --netdev   <device>
    --netbcast <broadcast>
    --netmask <netmask>|--netprefix <prefixlen>
                ...  sets the  default netmask  (a.b.c.d quadruple)  or prefixlen
                     (length of the interface)
    --interface [<name-suffix>=][<device>:]<ip>[/<mask|prefixlen>]
                ...  declares an network-interface;  this option can be specified
                     multiple times
    --flags <flags>+
                ...  sets comma-separated list of flags; possible flags are
                     lock:  Prevent the vserver from setting new security context
                     sched: Merge  scheduler priority  of all processes in the
                            vserver so that it acts a like a single
                            one (kernel 2.4 only).
                     nproc: Limit the number of processes in the vserver
                            according to ulimit  (instead of a per user limit,
                            this becomes a per vserver limit)
                     private: No other process can join this security context.
                            Even root
    --cpuset <name>
                ...  declares the CPUSET this vserver will run in [default: none]
    --cpusetcpus <number[-number][:<exclusive>]>
                ...  sets which cpus belong to the CPUSET,
                     exclusive is a flag (0|1) prohibiting any other cpuset from
                     using those cpus
    --cpusetmems <number[-number][:<exclusive>]>
                ...  sets which memory pools belong to the CPUSET,
                     exclusive is a flag (0|1) prohibiting any other cpuset from
                     using those memory pools
    --cpusetvirt
                ...  virtualize cpuset (guest will see only CPUs defined in cpuset)
                     Requires kernel patch from http://www.bullopensource.org/cpuset/
    --initstyle <style>
                ...  configures the initstyle (e.g. minit,sysv,plain)
`;

/** setup_setOption2: take one configuration option; false when it is not one. */
export function takeSetupOption(o: SetupOptions, key: string, value: string | undefined): boolean {
  const v = value ?? '';
  switch (key) {
    case 'interface':
      o.interfaces.push(v);
      return true;
    case 'flags':
      o.flags.push(...v.split(','));
      return true;
    case 'cpusetvirt':
      o.cpusetvirt = true;
      return true;
    case 'confdir':
    case 'lockfile':
    case 'hostname':
    case 'netdev':
    case 'netmask':
    case 'netprefix':
    case 'netbcast':
    case 'context':
    case 'initstyle':
    case 'cpuset':
    case 'cpusetcpus':
    case 'cpusetmems':
      o[key] = v;
      return true;
  }
  return false;
}

/** One `--interface [NAME=][DEV:]IP[/MASK|PREFIX]`, split as _setup_writeInterface does. */
export interface InterfaceSpec {
  name?: string;
  dev?: string;
  nodev: boolean;
  ip: string;
  mask?: string;
  prefix?: string;
}

export function parseInterface(spec: string): InterfaceSpec {
  let rest = spec;
  const eq = rest.indexOf('=');
  const name = eq >= 0 ? rest.slice(0, eq) : undefined;
  if (eq >= 0) rest = rest.slice(eq + 1);
  const colon = rest.indexOf(':');
  let dev = colon >= 0 ? rest.slice(0, colon) : undefined;
  if (colon >= 0) rest = rest.slice(colon + 1);
  let nodev = false;
  if (dev === 'nodev') {
    dev = undefined;
    nodev = true;
  }
  const slash = rest.lastIndexOf('/');
  const maskOrPrefix = slash >= 0 ? rest.slice(slash + 1) : undefined;
  const ip = slash >= 0 ? rest.slice(0, slash) : rest;
  const isMask = maskOrPrefix?.includes('.');
  return { name: name || undefined, dev: dev || undefined, nodev, ip, mask: isMask ? maskOrPrefix : undefined, prefix: isMask ? undefined : maskOrPrefix || undefined };
}

const writeSingle = async (proc: Process, value: string | undefined, path: string): Promise<void> => {
  if (value) await writeText(proc, path, `${value}\n`);
};

/** _setup_generateContext: the next static xid from `.defaults/context.next` (40000 at first). */
async function generateContext(proc: Process): Promise<string | undefined> {
  if (exists(proc, `${DEFAULTS_DIR}/context.dynamic`)) return undefined;
  const next = (await readValue(proc, `${DEFAULTS_DIR}/context.next`)) ?? (await readValue(proc, `${PKGLIBDIR}/defaults/context.start`)) ?? String(CONTEXT_START);
  await writeText(proc, `${DEFAULTS_DIR}/context.next`, `${Number(next) + 1}\n`);
  return next;
}

/**
 * setup_writeOption + setup_writeInitialFstab. Messages (the nodev note) go to stderr.
 * Returns the xid written, if any.
 */
export async function writeConfiguration(proc: Process, name: string, cfgdir: string, o: SetupOptions): Promise<void> {
  for (const d of ['interfaces', 'apps/init', 'uts']) mkdirp(proc, `${cfgdir}/${d}`, 0o755);
  const context = o.context || (await generateContext(proc));
  await writeSingle(proc, name, `${cfgdir}/name`);
  await writeSingle(proc, context, `${cfgdir}/context`);
  await writeSingle(proc, o.hostname, `${cfgdir}/uts/nodename`);
  await writeSingle(proc, o.netdev, `${cfgdir}/interfaces/dev`);
  await writeSingle(proc, o.netmask, `${cfgdir}/interfaces/mask`);
  await writeSingle(proc, o.netprefix, `${cfgdir}/interfaces/prefix`);
  await writeSingle(proc, o.netbcast, `${cfgdir}/interfaces/bcast`);
  await writeSingle(proc, o.initstyle, `${cfgdir}/apps/init/style`);
  if (o.cpuset || o.cpusetcpus || o.cpusetmems || o.cpusetvirt) {
    mkdirp(proc, `${cfgdir}/cpuset`);
    const [cpus, cpusExcl] = (o.cpusetcpus ?? '').split(':');
    const [mems, memsExcl] = (o.cpusetmems ?? '').split(':');
    await writeSingle(proc, o.cpuset, `${cfgdir}/cpuset/name`);
    await writeSingle(proc, cpus, `${cfgdir}/cpuset/cpus`);
    await writeSingle(proc, cpusExcl, `${cfgdir}/cpuset/cpus_exclusive`);
    await writeSingle(proc, mems, `${cfgdir}/cpuset/mems`);
    await writeSingle(proc, memsExcl, `${cfgdir}/cpuset/mem_exclusive`);
    if (o.cpusetvirt) await writeSingle(proc, '1', `${cfgdir}/cpuset/virtualized`);
  }
  for (const [idx, spec] of o.interfaces.entries()) {
    const i = parseInterface(spec);
    const d = `${cfgdir}/interfaces/${idx}`;
    proc.fs.mkdir(d, 0o755);
    await writeSingle(proc, i.name, `${d}/name`);
    await writeSingle(proc, i.dev, `${d}/dev`);
    await writeSingle(proc, i.ip, `${d}/ip`);
    await writeSingle(proc, i.mask, `${d}/mask`);
    await writeSingle(proc, i.prefix, `${d}/prefix`);
    if (!i.dev && !o.netdev) {
      if (!i.nodev) await proc.err(`No device specified for interface '${idx}'; setting 'nodev'\n`);
      await writeText(proc, `${d}/nodev`, '');
    }
  }
  if (o.flags.length) await writeText(proc, `${cfgdir}/cflags`, o.flags.map((f) => `${f}\n`).join(''));
  proc.fs.symlink(o.lockfile || `${RUNDIR}/${name}`, `${cfgdir}/run`);
  const fstab = findFile(proc, [`${DEFAULTS_DIR}/fstab`, `${PKGLIBDIR}/defaults/fstab`]);
  await writeText(proc, `${cfgdir}/fstab`, fstab ? ((await readText(proc, fstab)) ?? '') : DEFAULT_FSTAB);
}
