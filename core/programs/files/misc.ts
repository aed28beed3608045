/** Small file programs: pwd, readlink, sync, md5sum (coreutils 5.2.1) and mktemp (mktemp 1.5, as in RHEL 4). */
import { O_CREAT, O_EXCL, O_RDONLY, O_WRONLY } from '../../kernel/file.js';
import { HELP } from './lib/help.js';
import { isErr, why } from './lib/format.js';
import { Md5 } from './lib/md5.js';
import { defineTool } from './lib/program.js';
import { defineProgram } from '../registry.js';

/** parse_long_options(): only --help and --version (or their prefixes) are options; the rest is ignored. */
function notHelpOrVersion(arg: string): boolean {
  return !(arg.length > 2 && ('--help'.startsWith(arg) || '--version'.startsWith(arg)));
}

// ----- pwd: 5.2.1 knows only --help and --version; anything else is ignored with a warning. -----

defineTool(
  { name: 'pwd', suite: 'coreutils', help: HELP.pwd, authors: 'Jim Meyering', options: [], settings: { special: notHelpOrVersion } },
  async (tool, { operands }) => {
    if (operands.length > 0) await tool.warn('ignoring non-option arguments');
    let wd: string;
    try {
      wd = tool.proc.fs.getcwd();
    } catch (e) {
      return tool.fatal(`cannot get current directory: ${why(e)}`);
    }
    tool.out.put(wd + '\n');
    return 0;
  },
);

// ----- readlink -----------------------------------------------------------------------------------

defineTool(
  {
    name: 'readlink',
    suite: 'coreutils',
    help: HELP.readlink,
    authors: 'Dmitry V. Levin',
    options: [
      { short: 'f', long: 'canonicalize' },
      { short: 'n', long: 'no-newline' },
      { short: 'q', long: 'quiet' },
      { short: 's', long: 'silent', key: 'q' },
      { short: 'v', long: 'verbose' },
    ],
  },
  async (tool, { options, operands }) => {
    let canonicalize = false;
    let noNewline = false;
    let verbose = false;
    for (const o of options) {
      if (o.key === 'f') canonicalize = true;
      else if (o.key === 'n') noNewline = true;
      else if (o.key === 'q') verbose = false;
      else if (o.key === 'v') verbose = true;
    }
    if (operands.length === 0) return tool.usageError('too few arguments');
    if (operands.length > 1) return tool.usageError('too many arguments');
    const name = operands[0]!;
    try {
      const value = canonicalize ? tool.proc.fs.realpath(name) : tool.proc.fs.readlink(name);
      tool.out.put(value + (noNewline ? '' : '\n'));
      return 0;
    } catch (e) {
      if (verbose) return tool.fatal(`${name}: ${why(e)}`);
      return 1;
    }
  },
);

// ----- sync ---------------------------------------------------------------------------------------

defineTool(
  { name: 'sync', suite: 'coreutils', help: HELP.sync, authors: 'Jim Meyering', options: [], settings: { special: notHelpOrVersion } },
  async (tool, { operands }) => {
    if (operands.length > 0) await tool.warn('ignoring all arguments');
    return 0;
  },
);

// ----- md5sum -------------------------------------------------------------------------------------

defineTool(
  {
    name: 'md5sum',
    suite: 'coreutils',
    help: HELP.md5sum,
    authors: 'Ulrich Drepper and Scott Miller',
    options: [
      { short: 'b', long: 'binary' },
      { short: 'c', long: 'check' },
      { long: 'status' },
      { long: 'string', arg: 'required' },
      { short: 't', long: 'text' },
      { short: 'w', long: 'warn' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    let binary: boolean | undefined;
    let check = false;
    let statusOnly = false;
    let warn = false;
    const strings: string[] = [];
    for (const o of options) {
      if (o.key === 'b') binary = true;
      else if (o.key === 't') binary = false;
      else if (o.key === 'c') check = true;
      else if (o.key === 'status') statusOnly = true;
      else if (o.key === 'w') warn = true;
      else if (o.key === 'string') strings.push(o.value!);
    }
    if (binary !== undefined && check) return tool.usageError('the --binary and --text options are meaningless when verifying checksums');
    if (strings.length && check) return tool.usageError('the --string and --check options are mutually exclusive');
    if (statusOnly && !check) return tool.usageError('the --status option is meaningful only when verifying checksums');
    if (warn && !check) return tool.usageError('the --warn option is meaningful only when verifying checksums');

    /** digest_file(): the hex digest, or undefined after "md5sum: name: error". */
    const digest = async (name: string, quiet = false): Promise<string | undefined> => {
      let fd: number;
      try {
        fd = name === '-' ? 0 : proc.open(name, O_RDONLY);
      } catch (e) {
        if (!quiet) await tool.warn(`${name}: ${why(e)}`);
        return undefined;
      }
      const md5 = new Md5();
      try {
        for (;;) {
          const chunk = await proc.read(fd, 65536);
          if (chunk === '') break;
          md5.update(chunk);
          await proc.checkpoint();
        }
      } catch (e) {
        if (!quiet) await tool.warn(`${name}: ${why(e)}`);
        return undefined;
      } finally {
        if (fd !== 0) proc.close(fd);
      }
      return md5.hex();
    };

    if (strings.length) {
      if (operands.length) return tool.usageError('no files may be specified when using --string');
      for (const s of strings) tool.out.put(`${new Md5().update(s).hex()}  "${s}"\n`);
      return 0;
    }
    if (check) {
      if (operands.length > 1) return tool.usageError('only one argument may be specified when using --check');
      const listName = operands[0] ?? '-';
      const shown = listName === '-' ? 'standard input' : listName;
      let text: string;
      try {
        text = listName === '-' ? await proc.readAll(0) : await proc.readFile(listName);
      } catch (e) {
        await tool.warn(`${listName}: ${why(e)}`);
        return 1;
      }
      let good = 0;
      let mismatched = 0;
      let unreadable = 0;
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.startsWith('#')) continue;
        let m = /^\s*\\?([0-9a-fA-F]{32})[ \t]([ *])(.*)$/.exec(line);
        let file: string | undefined;
        let hex: string | undefined;
        if (m) {
          hex = m[1];
          file = m[3];
          if (line.trimStart().startsWith('\\')) file = file!.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
        } else if ((m = /^\s*MD5 \((.*)\) = ([0-9a-fA-F]{32})$/.exec(line))) {
          file = m[1];
          hex = m[2];
        }
        if (file === undefined || hex === undefined) {
          if (warn) await tool.warn(`${shown}: ${i + 1}: improperly formatted MD5 checksum line`);
          continue;
        }
        good++;
        const d = await digest(file);
        if (d === undefined) {
          unreadable++;
          if (!statusOnly) tool.out.put(`${file}: FAILED open or read\n`);
          continue;
        }
        const ok = d === hex.toLowerCase();
        if (!ok) mismatched++;
        if (!statusOnly) tool.out.put(`${file}: ${ok ? 'OK' : 'FAILED'}\n`);
        await tool.out.tick();
      }
      if (good === 0) await tool.warn(`${shown}: no properly formatted MD5 checksum lines found`);
      else if (!statusOnly) {
        const computed = good - unreadable;
        if (unreadable > 0) await tool.warn(`WARNING: ${unreadable} of ${good} listed ${good === 1 ? 'file' : 'files'} could not be read`);
        if (mismatched > 0) await tool.warn(`WARNING: ${mismatched} of ${computed} computed ${computed === 1 ? 'checksum' : 'checksums'} did NOT match`);
      }
      return good > 0 && mismatched === 0 && unreadable === 0 ? 0 : 1;
    }
    let err = false;
    for (const file of operands.length ? operands : ['-']) {
      const d = await digest(file);
      if (d === undefined) {
        err = true;
        continue;
      }
      const escaped = file.includes('\n') || file.includes('\\');
      tool.out.put(`${escaped ? '\\' : ''}${d} ${binary ? '*' : ' '}${file.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`);
      await tool.out.tick();
    }
    return err ? 1 : 0;
  },
);

// ----- mktemp (mktemp 1.5) --------------------------------------------------------------------------

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

defineProgram({
  name: 'mktemp',
  options: ['-d', '-q', '-t', '-u', '-p'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    let dir = false;
    let quiet = false;
    let unsafe = false;
    let tmpdirMode = false;
    let prefix: string | undefined;
    let i = 0;
    const usage = async () => {
      await proc.err('Usage: mktemp [-d] [-q] [-t prefix] [-u] template ...\n       mktemp [-d] [-q] [-u] -t prefix \n');
      return 1;
    };
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'd') dir = true;
        else if (c === 'q') quiet = true;
        else if (c === 'u') unsafe = true;
        else if (c === 't' || c === 'p') {
          tmpdirMode = true;
          const rest = a.slice(j + 1);
          if (c === 't') {
            prefix = rest !== '' ? rest : args[++i];
            if (prefix === undefined) return usage();
          } else {
            const d = rest !== '' ? rest : args[++i];
            if (d === undefined) return usage();
            proc.env.TMPDIR ??= d;
          }
          break;
        } else {
          await proc.err(`mktemp: illegal option -- ${c}\n`);
          return usage();
        }
      }
    }
    let templates = args.slice(i);
    if (templates.length === 0) {
      if (!tmpdirMode) return usage();
      templates = [`${prefix ?? 'tmp'}.XXXXXXXXXX`];
    }
    // A deterministic generator seeded by the pid and the clock (no Math.random in core).
    let seed = (proc.pid * 2654435761 + Math.floor(proc.time() * 1000)) >>> 0;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return seed;
    };
    let status = 0;
    for (let template of templates) {
      if (tmpdirMode && !template.includes('/')) template = `${proc.env.TMPDIR || '/tmp'}/${template}`;
      const m = /X*$/.exec(template)!;
      const base = template.slice(0, m.index);
      let made: string | undefined;
      for (let attempt = 0; attempt < 100 && made === undefined; attempt++) {
        let suffix = '';
        for (let k = 0; k < m[0].length; k++) suffix += LETTERS[next() % LETTERS.length];
        const path = base + suffix;
        try {
          if (unsafe) {
            proc.fs.lstat(path);
            continue;
          }
          if (dir) proc.fs.mkdir(path, 0o700);
          else proc.close(proc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600));
          made = path;
        } catch (e) {
          if (unsafe && isErr(e, 'ENOENT')) {
            made = path;
            break;
          }
          if (isErr(e, 'EEXIST') && m[0].length > 0) continue;
          if (!quiet) await proc.err(`mktemp: cannot ${dir ? 'make temp dir' : 'create temp file'} ${path}: ${why(e)}\n`);
          break;
        }
      }
      if (made === undefined) {
        status = 1;
        continue;
      }
      await proc.out(made + '\n');
    }
    return status;
  },
});
