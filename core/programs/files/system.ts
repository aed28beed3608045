/**
 * dd, mknod, chroot (coreutils 5.2.1) and mount, umount (util-linux 2.12a).
 */
import { addMtabEntry, readMtab, removeMtabEntry } from './mtab.js';
import { searchPath } from '../lib/search-path.js';
import { O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { MountInfo } from '../../kernel/fs-calls.js';
import { SIG } from '../../kernel/signals.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { HELP } from './lib/help.js';
import { isErr, q, why } from './lib/format.js';
import { applyMode, compileMode } from './lib/modes.js';
import { defineTool, euid, setUmask, tryHelpExit } from './lib/program.js';

/** execvp()'s search: the program a command name runs, through PATH. */
// ----- dd ----------------------------------------------------------------------------------------

/** dd's parse_integer(): N with c w b k K kB M MB G GB… suffixes and xN products. */
export function ddNumber(text: string): number | undefined {
  const parts = text.split('x');
  let total = 1;
  for (const part of parts) {
    const m = /^(\d+)(c|w|b|k|K|kB|KB|M|MB|G|GB|T|TB|P|PB|E|EB|Z|ZB|Y|YB)?$/.exec(part);
    if (!m) return undefined;
    const suffix = m[2] ?? '';
    const mult: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, kB: 1000, KB: 1000, M: 1024 ** 2, MB: 1e6, G: 1024 ** 3, GB: 1e9, T: 1024 ** 4, TB: 1e12 };
    const f = mult[suffix];
    if (f === undefined) return undefined;
    total *= Number(m[1]) * f;
  }
  return total;
}

const CONVERSIONS = ['ascii', 'ebcdic', 'ibm', 'block', 'unblock', 'lcase', 'ucase', 'swab', 'noerror', 'notrunc', 'sync'];

defineTool(
  { name: 'dd', suite: 'coreutils', help: HELP.dd, authors: 'Paul Rubin, David MacKenzie, and Stuart Kemp', options: [], settings: { special: (a) => !(a.length > 2 && ('--help'.startsWith(a) || '--version'.startsWith(a))) } },
  async (tool, { operands }) => {
    const proc = tool.proc;
    let input: string | undefined;
    let output: string | undefined;
    let ibs = 0;
    let obs = 0;
    let twoBufs = false;
    let skip = 0;
    let seek = 0;
    let count = Infinity;
    const conv = new Set<string>();
    for (const arg of operands) {
      const eq = arg.indexOf('=');
      if (eq < 0) {
        await tool.warn(`unrecognized option ${q(arg)}`);
        return tryHelpExit(tool);
      }
      const name = arg.slice(0, eq);
      const val = arg.slice(eq + 1);
      if (name === 'if') input = val;
      else if (name === 'of') output = val;
      else if (name === 'conv') {
        for (const c of val.split(',')) {
          if (!CONVERSIONS.includes(c)) {
            await tool.warn(`invalid conversion: ${q(c)}`);
            return tryHelpExit(tool);
          }
          conv.add(c);
        }
      } else {
        const n = ddNumber(val);
        const known = ['ibs', 'obs', 'bs', 'cbs', 'skip', 'seek', 'count'];
        if (!known.includes(name)) {
          await tool.warn(`unrecognized option ${q(name)}=${q(val)}`);
          return tryHelpExit(tool);
        }
        if (n === undefined || ((name === 'ibs' || name === 'obs' || name === 'bs' || name === 'cbs') && n === 0)) return tool.fatal(`invalid number ${q(val)}`);
        if (name === 'ibs') {
          ibs = n;
          twoBufs = true;
        } else if (name === 'obs') {
          obs = n;
          twoBufs = true;
        } else if (name === 'bs') ibs = obs = n;
        else if (name === 'skip') skip = n;
        else if (name === 'seek') seek = n;
        else if (name === 'count') count = n;
      }
    }
    if (ibs === 0 || obs === 0) twoBufs = true;
    if (ibs === 0) ibs = 512;
    if (obs === 0) obs = 512;
    const mx = (...names: string[]) => names.filter((n) => conv.has(n)).length > 1;
    if (mx('ascii', 'ebcdic', 'ibm') || mx('block', 'unblock') || mx('lcase', 'ucase')) return tool.fatal('only one conv in {ascii,ebcdic,ibm}, {lcase,ucase}, {block,unblock}');
    if (conv.has('lcase') || conv.has('ucase') || conv.has('swab')) twoBufs = true;

    let inFd = 0;
    let outFd = 1;
    const inName = input ?? 'standard input';
    const outName = output ?? 'standard output';
    if (input !== undefined) {
      try {
        inFd = proc.open(input, O_RDONLY);
      } catch (e) {
        return tool.fatal(`opening ${q(input)}: ${why(e)}`);
      }
    }
    if (output !== undefined) {
      const opts = O_CREAT | (seek || conv.has('notrunc') ? 0 : O_TRUNC);
      try {
        try {
          if (!seek) throw new Error('skip');
          outFd = proc.open(output, O_RDWR | opts, 0o666);
        } catch {
          outFd = proc.open(output, O_WRONLY | opts, 0o666);
        }
      } catch (e) {
        return tool.fatal(`opening ${q(output)}: ${why(e)}`);
      }
      if (seek && !conv.has('notrunc')) {
        try {
          const st = proc.fs.stat(output);
          if (st.type === 'file') proc.fs.truncate(output, seek * obs);
        } catch (e) {
          return tool.fatal(`advancing past ${seek * obs} bytes in output file ${q(output)}: ${why(e)}`);
        }
      }
    }
    // lseek(): the open file description's offset (no lseek call in Process).
    const inFile = proc.file(inFd);
    const outFile = proc.file(outFd);
    const seekable = (k: string) => k === 'regular' || k === 'device';
    const stats = { rFull: 0, rPartial: 0, wFull: 0, wPartial: 0 };
    const printStats = async () => {
      await tool.errText(`${stats.rFull}+${stats.rPartial} records in\n${stats.wFull}+${stats.wPartial} records out\n`);
    };
    /** One read(2) of up to n bytes; regular files and devices give a full block when they can. */
    const readBlock = async (n: number): Promise<string> => {
      let data = await proc.read(inFd, n);
      if (data !== '' && data.length < n && seekable(inFile.ops.kind)) {
        while (data.length < n) {
          const more = await proc.read(inFd, n - data.length);
          if (more === '') break;
          data += more;
        }
      }
      return data;
    };
    // skip=: lseek on regular files, else read and discard.
    if (skip) {
      if (inFile.ops.kind === 'regular') inFile.offset += skip * ibs;
      else {
        for (let i = 0; i < skip; i++) {
          const d = await readBlock(ibs);
          if (d === '') break;
          await proc.checkpoint();
        }
      }
    }
    if (seek) {
      if (outFile.ops.kind === 'regular') outFile.offset = seek * obs;
      else if (outFile.ops.kind !== 'device') {
        // Not seekable: write blocks of zeros, as dd does for pipes.
      }
    }
    let status = 0;
    let obuf = '';
    const writeOut = async (data: string, full: boolean): Promise<boolean> => {
      try {
        await proc.write(outFd, data);
        if (full) stats.wFull++;
        else stats.wPartial++;
        return true;
      } catch (e) {
        if (isErr(e, 'EPIPE')) throw e;
        await tool.warn(`writing ${q(outName)}: ${why(e)}`);
        return false;
      }
    };
    const translate = (s: string): string => {
      let t = s;
      if (conv.has('ucase')) t = t.toUpperCase();
      else if (conv.has('lcase')) t = t.toLowerCase();
      if (conv.has('swab')) {
        let w = '';
        for (let i = 0; i + 1 < t.length; i += 2) w += t[i + 1]! + t[i]!;
        if (t.length % 2) w += t[t.length - 1];
        t = w;
      }
      return t;
    };
    // Ctrl-C: print the statistics, then die of the signal (interrupt_handler).
    let interrupted = 0;
    const onSignal = (sig: number) => {
      interrupted = sig;
    };
    proc.signal(SIG.INT, onSignal);
    proc.signal(SIG.QUIT, onSignal);
    const dieIfInterrupted = async () => {
      if (!interrupted) return;
      await printStats();
      proc.signal(interrupted, 'default');
      proc.kill(proc.pid, interrupted);
      await proc.checkpoint();
    };
    let records = 0;
    for (;;) {
      await dieIfInterrupted();
      if (records >= count) break;
      let data: string;
      try {
        data = await readBlock(ibs);
      } catch (e) {
        await dieIfInterrupted();
        await tool.warn(`reading ${q(inName)}: ${why(e)}`);
        if (conv.has('noerror')) {
          await printStats();
          if (conv.has('sync')) data = '';
          else continue;
        } else {
          status = 1;
          break;
        }
      }
      if (data === '') break;
      records++;
      if (data.length < ibs) {
        stats.rPartial++;
        if (conv.has('sync')) data = data.padEnd(ibs, conv.has('block') || conv.has('unblock') ? ' ' : '\0');
      } else stats.rFull++;
      if (!twoBufs) {
        if (!(await writeOut(data, data.length === ibs))) {
          await printStats();
          return 1;
        }
      } else {
        obuf += translate(data);
        while (obuf.length >= obs) {
          const chunk = obuf.slice(0, obs);
          obuf = obuf.slice(obs);
          if (!(await writeOut(chunk, true))) {
            await printStats();
            return 1;
          }
        }
      }
      await proc.checkpoint();
    }
    if (obuf.length) {
      if (!(await writeOut(obuf, false))) {
        await printStats();
        return 1;
      }
    }
    if (input !== undefined) proc.close(inFd);
    if (output !== undefined) proc.close(outFd);
    await printStats();
    return status;
  },
);

// ----- mknod -------------------------------------------------------------------------------------

defineTool(
  { name: 'mknod', suite: 'coreutils', help: HELP.mknod, authors: 'David MacKenzie', options: [{ short: 'm', long: 'mode', arg: 'required' }] },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    let mode = 0o666;
    let specified: string | undefined;
    for (const o of options) if (o.key === 'm') specified = o.value;
    if (specified !== undefined) {
      mode &= ~setUmask(proc, 0);
      const changes = compileMode(specified, 0, false);
      if (!changes) return tool.fatal('invalid mode');
      mode = applyMode(mode, false, changes);
    }
    const n = operands.length;
    if (n !== 2 && n !== 4) return tool.usageError(n < 2 ? 'too few arguments' : n > 4 ? 'too many arguments' : 'wrong number of arguments');
    const [name, type] = operands as [string, string];
    const t = type[0];
    if (t === 'b' || t === 'c' || t === 'u') {
      if (n !== 4) return tool.usageError('when creating special files, major and minor device\nnumbers must be specified');
      const major = operands[2]!;
      const minor = operands[3]!;
      const num = (s: string) => (/^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^0[0-7]*$/.test(s) ? parseInt(s, 8) : /^\d+$/.test(s) ? Number(s) : NaN);
      if (Number.isNaN(num(major)) || num(major) > 4095) return tool.fatal(`invalid major device number ${q(major)}`);
      if (Number.isNaN(num(minor)) || num(minor) > 1048575) return tool.fatal(`invalid minor device number ${q(minor)}`);
      try {
        proc.fs.mknod(name, t === 'b' ? 'blockdev' : 'chardev', mode, num(major), num(minor));
      } catch (e) {
        return tool.fatal(`${q(name)}: ${why(e)}`);
      }
    } else if (t === 'p') {
      if (n !== 2) return tool.usageError('major and minor device numbers may not be specified for fifo files');
      try {
        proc.fs.mknod(name, 'fifo', mode, 0, 0);
      } catch (e) {
        return tool.fatal(`${q(name)}: ${why(e)}`);
      }
    } else return tool.usageError(`invalid device type ${q(type)}`);
    if (specified !== undefined) {
      try {
        proc.fs.chmod(name, mode);
      } catch (e) {
        await tool.warn(`cannot set permissions of ${q(name)}: ${why(e)}`);
      }
    }
    return 0;
  },
);

// ----- chroot ------------------------------------------------------------------------------------

defineTool(
  { name: 'chroot', suite: 'coreutils', help: HELP.chroot, authors: 'Roland McGrath', options: [], settings: { posixOrder: true, special: (a) => !(a.length > 2 && ('--help'.startsWith(a) || '--version'.startsWith(a))) } },
  async (tool, { operands }) => {
    const proc = tool.proc;
    if (operands.length === 0) return tool.usageError('too few arguments');
    const newRoot = operands[0]!;
    try {
      proc.fs.chroot(newRoot);
    } catch (e) {
      return tool.fatal(`cannot change root directory to ${newRoot}: ${why(e)}`);
    }
    try {
      proc.fs.chdir('/');
    } catch (e) {
      return tool.fatal(`cannot chdir to root directory: ${why(e)}`);
    }
    const argv = operands.length === 1 ? [proc.env.SHELL ?? '/bin/sh', '-i'] : operands.slice(1);
    await tool.out.flush();
    const path = searchPath(proc, argv[0]!);
    if (path === undefined) {
      await tool.warn(`cannot run command ${q(argv[0]!)}: No such file or directory`);
      return 127;
    }
    try {
      return await proc.exec(path, argv, proc.env);
    } catch (e) {
      // execve()'s own failures; anything else came from the new program and is its business.
      if (isErr(e, 'ENOENT', 'EACCES', 'ENOEXEC', 'ENOTDIR', 'ELOOP', 'E2BIG')) {
        await tool.warn(`cannot run command ${q(argv[0]!)}: ${why(e)}`);
        return isErr(e, 'ENOENT') ? 127 : 126;
      }
      throw e;
    }
  },
);

// ----- mount and umount (util-linux 2.12a) ---------------------------------------------------------

const MOUNT_USAGE = `Usage: mount -V                 : print version
       mount -h                 : print this help
       mount                    : list mounted filesystems
       mount -l                 : idem, including volume labels
So far the informational part. Next the mounting.
The command is \`mount [-t fstype] something somewhere'.
Details found in /etc/fstab may be omitted.
       mount -a [-t|-O] ...     : mount all stuff from /etc/fstab
       mount device             : mount device at the known place
       mount directory          : mount known device here
       mount -t type dev dir    : ordinary mount command
Note that one does not really mount a device, one mounts
a filesystem (of the given type) found on the device.
One can also mount an already visible directory tree elsewhere:
       mount --bind olddir newdir
or move a subtree:
       mount --move olddir newdir
A device can be given by name, say /dev/hda1 or /dev/cdrom,
or by label, using  -L label  or by uuid, using  -U uuid .
Other options: [-nfFrsvw] [-o options] [-p passwdfd].
For many more details, say  man 8 mount .
`;

interface FstabEntry {
  spec: string;
  file: string;
  type: string;
  opts: string;
}

async function readFstab(proc: Process): Promise<FstabEntry[]> {
  let text = '';
  try {
    text = await proc.readFile('/etc/fstab');
  } catch {
    return [];
  }
  const out: FstabEntry[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const f = t.split(/\s+/);
    if (f.length < 2) continue;
    out.push({ spec: f[0]!, file: f[1]!, type: f[2] ?? 'auto', opts: f[3] ?? 'defaults' });
  }
  return out;
}

/** Split "a,b,c" options, the ones mount handles itself (loop, user…) apart. */
function mountOptions(opts: string[]): string[] {
  return opts.flatMap((o) => o.split(',')).filter((o) => o !== '' && o !== 'defaults');
}

defineProgram({
  name: 'mount',
  options: ['-a', '-t', '-o', '-r', '-w', '-v', '-n', '-l', '--bind', '--move', '-h', '-V'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const err = (s: string) => proc.err(s + '\n');
    let types: string | undefined;
    const options: string[] = [];
    let all = false;
    let bind = false;
    let move = false;
    let verbose = false;
    let fake = false;
    let noMtab = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (a === '--bind') bind = true;
      else if (a === '--rbind') bind = true;
      else if (a === '--move') move = true;
      else if (a === '--help') {
        await proc.out(MOUNT_USAGE);
        return 0;
      } else if (a === '--version') {
        await proc.out('mount: mount-2.12a\n');
        return 0;
      } else if (a.startsWith('--')) {
        const [name, value] = a.slice(2).split('=', 2) as [string, string | undefined];
        if (name === 'types') types = value ?? args[++i];
        else if (name === 'options') options.push(value ?? args[++i] ?? '');
        else if (name === 'all') all = true;
        else if (name === 'verbose') verbose = true;
        else if (name === 'read-only') options.push('ro');
        else if (name === 'rw') options.push('rw');
        else {
          await proc.err(MOUNT_USAGE);
          return 1;
        }
      } else if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          const rest = a.slice(j + 1);
          if (c === 't' || c === 'o' || c === 'O' || c === 'L' || c === 'U' || c === 'p') {
            const v = rest !== '' ? rest : args[++i];
            if (v === undefined) {
              await proc.err(MOUNT_USAGE);
              return 1;
            }
            if (c === 't') types = v;
            else if (c === 'o') options.push(v);
            break;
          }
          if (c === 'a') all = true;
          else if (c === 'r') options.push('ro');
          else if (c === 'w') options.push('rw');
          else if (c === 'v') verbose = true;
          else if (c === 'f') fake = true;
          else if (c === 'n') noMtab = true;
          else if (c === 'l' || c === 's' || c === 'i' || c === 'F') continue;
          else if (c === 'h') {
            await proc.out(MOUNT_USAGE);
            return 0;
          } else if (c === 'V') {
            await proc.out('mount: mount-2.12a\n');
            return 0;
          } else {
            await proc.err(`mount: invalid option -- ${c}\n${MOUNT_USAGE}`);
            return 1;
          }
        }
      } else operands.push(a);
    }
    const fs = proc.fs;
    if (operands.length === 0 && !all) {
      if (options.length || bind || move) {
        await proc.err(MOUNT_USAGE);
        return 1;
      }
      let out = '';
      for (const m of (await readMtab(proc)) ?? fs.mounts()) {
        if (types && !types.split(',').includes(m.type)) continue;
        out += `${m.device} on ${m.mountPoint}${m.type ? ` type ${m.type}` : ''}${m.options ? ` (${m.options})` : ''}\n`;
      }
      await proc.out(out);
      return 0;
    }
    const root = euid(proc) === 0;
    if (!root && (types || options.length || all || fake || operands.length !== 1)) {
      await err('mount: only root can do that');
      return 1;
    }

    /** mount_one() with the error reporting of try_mount_one(). Returns an exit status. */
    const mountOne = async (spec: string, node: string, type: string | undefined, opts: string[]): Promise<number> => {
      let flags = mountOptions(opts);
      let t = type ?? '';
      if (bind) {
        flags = ['bind', ...flags.filter((o) => o !== 'bind')];
        t = 'none';
      } else if (move) {
        flags = ['move', ...flags];
        t = 'none';
      }
      if (flags.includes('bind')) t = 'none';
      if (!root) {
        await err(`mount: only root can mount ${spec} on ${node}`);
        return 1;
      }
      if (t === '' || t === 'auto') {
        // mount guesses the type of a block device or image from its superblock; the kernel knows it.
        t = 'auto';
      }
      if (verbose) await proc.out(`${spec} on ${node}${t !== 'auto' && t !== 'none' ? ` type ${t}` : ''} (${flags.length ? flags.join(',') : 'rw'})\n`);
      if (fake) return 0;
      try {
        fs.mount(spec, node, t, flags);
        if (!noMtab) {
          const point = (() => {
            try {
              return fs.realpath(node);
            } catch {
              return node;
            }
          })();
          const mounted = [...fs.mounts()].reverse().find((m) => m.mountPoint === point);
          const opts = ['rw', ...flags.filter((o) => o !== 'rw' && o !== 'loop' && o !== 'defaults')];
          if (flags.includes('ro')) opts.splice(0, 1);
          if (flags.includes('loop')) opts.push('loop=/dev/loop0');
          await addMtabEntry(proc, { device: spec, mountPoint: point, type: mounted?.type ?? t, options: opts.join(',') });
        }
        return 0;
      } catch (e) {
        const code = (e as { code?: string }).code;
        const statOk = (p: string, follow = true) => {
          try {
            return follow ? fs.stat(p) : fs.lstat(p);
          } catch {
            return undefined;
          }
        };
        switch (code) {
          case 'EPERM': {
            const st = statOk(node);
            await err(!root ? 'mount: must be superuser to use mount' : !st || st.type !== 'dir' ? `mount: mount point ${node} is not a directory` : 'mount: permission denied');
            break;
          }
          case 'EBUSY':
            if (t === 'proc' && node === '/proc') await err('mount: proc already mounted');
            else await err(`mount: ${spec} already mounted or ${node} busy`);
            break;
          case 'ENOENT':
            if (!statOk(node, false)) await err(`mount: mount point ${node} does not exist`);
            else if (!statOk(node)) await err(`mount: mount point ${node} is a symbolic link to nowhere`);
            else if (!statOk(spec)) await err(`mount: special device ${spec} does not exist`);
            else await err(`mount: ${why(e)}`);
            break;
          case 'ENOTDIR': {
            const st = statOk(node);
            if (!st || st.type !== 'dir') await err(`mount: mount point ${node} is not a directory`);
            else await err(`mount: special device ${spec} does not exist\n       (a path prefix is not a directory)\n`);
            break;
          }
          case 'EINVAL':
            await err(`mount: wrong fs type, bad option, bad superblock on ${spec},\n       or too many mounted file systems`);
            break;
          case 'EIO':
            await err(`mount: ${spec}: can't read superblock`);
            break;
          case 'ENODEV':
            if (t === 'auto') await err('mount: you must specify the filesystem type');
            else await err(`mount: fs type ${t} not supported by kernel`);
            break;
          case 'ENOTBLK': {
            const st = statOk(spec);
            if (!st) await err(`mount: ${spec} is not a block device, and stat fails?`);
            else if (st.type === 'blockdev') await err(`mount: the kernel does not recognize ${spec} as a block device\n       (maybe \`insmod driver'?)`);
            else if (st.type === 'file') await err(`mount: ${spec} is not a block device (maybe try \`-o loop'?)`);
            else await err(`mount: ${spec} is not a block device`);
            break;
          }
          case 'ENXIO':
            await err(`mount: ${spec} is not a valid block device`);
            break;
          case 'EACCES':
          case 'EROFS':
            await err(`mount: cannot mount ${flags.includes('loop') ? '' : 'block device '}${spec} read-only`);
            break;
          default:
            if (isErr(e)) await err(`mount: ${why(e)}`);
            else throw e;
        }
        return 32;
      }
    };

    if (all) {
      const mounted = new Set(fs.mounts().map((m) => m.mountPoint));
      let status = 0;
      for (const e of await readFstab(proc)) {
        const o = e.opts.split(',');
        if (o.includes('noauto') || e.type === 'swap' || e.type === 'ignore' || mounted.has(e.file)) continue;
        if (types && !types.split(',').includes(e.type)) continue;
        status |= await mountOne(e.spec, e.file, e.type, [e.opts, ...options]);
      }
      return status;
    }
    if (operands.length === 1) {
      if (types) {
        await proc.err(MOUNT_USAGE);
        return 1;
      }
      const arg = operands[0]!;
      const fstab = await readFstab(proc);
      let canon = arg;
      try {
        canon = fs.realpath(arg);
      } catch {
        canon = arg;
      }
      const e = fstab.find((x) => x.spec === canon) ?? fstab.find((x) => x.file === canon) ?? fstab.find((x) => x.spec === arg) ?? fstab.find((x) => x.file === arg);
      if (!e) {
        await err(`mount: can't find ${canon} in /etc/fstab or /etc/mtab`);
        return 1;
      }
      if (!root) {
        const o = e.opts.split(',');
        if (!o.includes('user') && !o.includes('users') && !o.includes('owner')) {
          await err(`mount: only root can mount ${e.spec} on ${e.file}`);
          return 1;
        }
      }
      return mountOne(e.spec, e.file, e.type, [e.opts, ...options]);
    }
    if (operands.length === 2) return mountOne(operands[0]!, operands[1]!, types, options);
    await proc.err(MOUNT_USAGE);
    return 1;
  },
});

defineProgram({
  name: 'umount',
  options: ['-a', '-d', '-f', '-l', '-n', '-r', '-t', '-v', '-h', '-V'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const err = (s: string) => proc.err(s + '\n');
    const usage = 'Usage: umount [-hV]\n       umount -a [-f] [-r] [-n] [-v] [-t vfstypes] [-O opts]\n       umount [-f] [-r] [-n] [-v] special | node...\n';
    let all = false;
    let verbose = false;
    let types: string | undefined;
    let force = false;
    let noMtab = false;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--help') {
        await proc.out(usage);
        return 0;
      }
      if (a === '--version') {
        await proc.out('umount: mount-2.12a\n');
        return 0;
      }
      if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (c === 't' || c === 'O') {
            const v = a.slice(j + 1) || args[++i];
            if (c === 't') types = v;
            break;
          }
          if (c === 'a') all = true;
          else if (c === 'v') verbose = true;
          else if (c === 'f') force = true;
          else if (c === 'n') noMtab = true;
          else if ('dlr'.includes(c)) continue;
          else if (c === 'h') {
            await proc.out(usage);
            return 0;
          } else if (c === 'V') {
            await proc.out('umount: mount-2.12a\n');
            return 0;
          } else {
            await proc.err(`umount: invalid option -- ${c}\n${usage}`);
            return 1;
          }
        }
      } else files.push(a);
    }
    const fs = proc.fs;
    const root = euid(proc) === 0;
    if (!root && (all || types || force)) {
      await err('umount: only root can do that');
      return 2;
    }
    const complain = async (e: unknown, dev: string) => {
      const code = (e as { code?: string }).code;
      const text: Record<string, string> = {
        ENXIO: `umount: ${dev}: invalid block device`,
        EINVAL: `umount: ${dev}: not mounted`,
        EIO: `umount: ${dev}: can't write superblock`,
        EBUSY: `umount: ${dev}: device is busy`,
        ENOENT: `umount: ${dev}: not found`,
        EPERM: `umount: ${dev}: must be superuser to umount`,
        EACCES: `umount: ${dev}: block devices not permitted on fs`,
      };
      await err(text[code ?? ''] ?? `umount: ${dev}: ${why(e)}`);
    };
    const umountOne = async (m: MountInfo | undefined, arg: string): Promise<number> => {
      const node = m ? m.mountPoint : arg;
      try {
        fs.umount(node);
        if (!noMtab) await removeMtabEntry(proc, node, m?.device);
        if (verbose) await proc.out(`${m ? m.device : arg} umounted\n`);
        return 0;
      } catch (e) {
        if (!isErr(e)) throw e;
        await complain(e, node);
        return 1;
      }
    };
    if (all) {
      const skip = (types ?? 'noproc,nodevfs,nodevpts').split(',');
      let r = 0;
      for (const m of [...fs.mounts()].reverse()) {
        if (m.mountPoint === '/') continue;
        if (skip.some((s) => (s.startsWith('no') ? m.type === s.slice(2) : false))) continue;
        if (types && !types.startsWith('no') && !types.split(',').includes(m.type)) continue;
        r += await umountOne(m, m.mountPoint);
      }
      return r;
    }
    if (files.length === 0) {
      await proc.err(usage);
      return 2;
    }
    let result = 0;
    for (const arg of files) {
      let file = arg;
      try {
        file = fs.realpath(arg);
      } catch {
        file = arg;
      }
      const mounts = fs.mounts();
      const m = [...mounts].reverse().find((x) => x.mountPoint === file) ?? [...mounts].reverse().find((x) => x.device === file);
      if (!root) {
        if (!m) {
          await err(`umount: ${file} is not mounted (according to mtab)`);
          return 2;
        }
        const fstab = await readFstab(proc);
        const e = fstab.find((x) => x.spec === m.device && x.file === m.mountPoint);
        if (!e) {
          await err(fstab.some((x) => x.spec === file || x.file === file) ? `umount: ${file} mount disagrees with the fstab` : `umount: ${file} is not in the fstab (and you are not root)`);
          return 2;
        }
        const o = e.opts.split(',');
        if (!o.includes('user') && !o.includes('users') && !o.includes('owner')) {
          await err(`umount: only root can unmount ${m.device} from ${m.mountPoint}`);
          return 2;
        }
      }
      result += await umountOne(m, arg);
    }
    return result;
  },
});

