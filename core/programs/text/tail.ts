/** tail (coreutils 5.2.1): the last lines or bytes of files; -f keeps reading as a file grows. */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { parseCount } from '../lib/inputs.js';
import { Reader, closeInput, openInput, utf8Length } from '../lib/io.js';
import { MSG } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
      --retry              keep trying to open a file even if it is
                           inaccessible when tail starts or if it becomes
                           inaccessible later -- useful only with -f
  -c, --bytes=N            output the last N bytes
  -f, --follow[={name|descriptor}]
                           output appended data as the file grows;
                           -f, --follow, and --follow=descriptor are
                           equivalent
  -F                       same as --follow=name --retry
  -n, --lines=N            output the last N lines, instead of the last 10
      --max-unchanged-stats=N
                           with --follow=name, reopen a FILE which has not
                           changed size after N (default 5) iterations
                           to see if it has been unlinked or renamed
                           (this is the usual case of rotated log files)
      --pid=PID            with -f, terminate after process ID, PID dies
  -q, --quiet, --silent    never output headers giving file names
  -s, --sleep-interval=S   with -f, sleep for approximately S seconds
                           (default 1.0) between iterations.
  -v, --verbose            always output headers giving file names
      --help     display this help and exit
      --version  output version information and exit

If the first character of N (the number of bytes or lines) is a \`+',
print beginning with the Nth item from the start of each file, otherwise,
print the last N items in the file.  N may have a multiplier suffix:
b 512, k 1024, m 1024*1024.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'tail',
  suite: 'coreutils',
  help: HELP,
  authors: 'Paul Rubin, David MacKenzie, Ian Lance Taylor, and Jim Meyering',
  options: [
    { short: 'c', long: 'bytes', arg: 'required' },
    { short: 'f', long: 'follow', arg: 'optional' },
    { short: 'F' },
    { short: 'n', long: 'lines', arg: 'required' },
    { short: 'q', long: 'quiet' },
    { short: 'q', long: 'silent' },
    { short: 's', long: 'sleep-interval', arg: 'required' },
    { short: 'v', long: 'verbose' },
    { long: 'retry', key: 'retry' },
    { long: 'pid', key: 'pid', arg: 'required' },
    { long: 'max-unchanged-stats', key: 'max-unchanged-stats', arg: 'required' },
  ],
};

/** The part of a whole text that tail prints. */
export function tailOf(text: string, mode: 'lines' | 'bytes', count: number, fromStart: boolean): string {
  if (mode === 'bytes') {
    const chars = [...text];
    if (fromStart) return sliceBytes(chars, Math.max(0, count - 1));
    const total = utf8Length(text);
    return sliceBytes(chars, Math.max(0, total - count));
  }
  if (fromStart) {
    let at = 0;
    for (let i = 1; i < count && at < text.length; i++) {
      const nl = text.indexOf('\n', at);
      if (nl < 0) return '';
      at = nl + 1;
    }
    return text.slice(at);
  }
  if (count === 0) return '';
  // Walk back over `count` newlines (a missing final newline still ends the last line).
  let end = text.endsWith('\n') ? text.length - 1 : text.length;
  for (let i = 0; i < count; i++) {
    const nl = text.lastIndexOf('\n', end - 1);
    if (nl < 0) return text;
    end = nl;
  }
  return text.slice(end + 1);
}

function sliceBytes(chars: string[], skipBytes: number): string {
  let used = 0;
  let i = 0;
  while (i < chars.length && used < skipBytes) used += utf8Length(chars[i++]!);
  return chars.slice(i).join('');
}

defineProgram({
  name: 'tail',
  options: ['-c', '-f', '-F', '-n', '-q', '-s', '-v', '--follow', '--lines=', '--bytes=', '--retry'],
  main: (proc) => {
    // Obsolete forms: "tail -5", "tail +5", "tail -5f", "tail -c5" stays as is.
    const argv = proc.argv.slice(1);
    const first = argv[0];
    const obsolete = first !== undefined ? /^([-+])(\d*)([bkm]?)([cl]?)(f?)$/.exec(first) : null;
    if (obsolete && first !== '-' && (obsolete[2] !== '' || first.startsWith('+'))) {
      const n = (obsolete[1] === '+' ? '+' : '') + (obsolete[2] || '10') + obsolete[3];
      argv.splice(0, 1, obsolete[4] === 'c' ? '-c' : '-n', n, ...(obsolete[5] ? ['-f'] : []));
    }
    return runTool(
      proc,
      SPEC,
      async (tool, { options, operands }) => {
        let mode: 'lines' | 'bytes' = 'lines';
        let count = 10;
        let fromStart = false;
        let follow = false;
        let headers: boolean | undefined;
        let interval = 1;
        for (const o of options) {
          if (o.key === 'n' || o.key === 'c') {
            const v = o.value!;
            const n = parseCount(v.replace(/^[-+]/, ''));
            if (n === undefined) return tool.fatal(`${v}: invalid number of ${o.key === 'n' ? 'lines' : 'bytes'}`);
            mode = o.key === 'n' ? 'lines' : 'bytes';
            count = n;
            fromStart = v.startsWith('+');
          } else if (o.key === 'f' || o.key === 'F') follow = true;
          else if (o.key === 'q') headers = false;
          else if (o.key === 'v') headers = true;
          else if (o.key === 's') {
            const s = Number(o.value);
            if (!Number.isFinite(s) || s < 0) return tool.fatal(`${o.value}: invalid number of seconds`);
            interval = s;
          }
        }
        const names = operands.length ? operands : ['-'];
        const showHeaders = headers ?? names.length > 1;
        const out = tool.out;
        let ok = true;
        let lastShown: string | undefined;
        const header = (name: string) => {
          if (showHeaders && lastShown !== name) out.put(`${lastShown === undefined ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
          lastShown = name;
        };
        const followed: { name: string; fd: number; reader: Reader }[] = [];
        for (const name of names) {
          let fd: number;
          try {
            fd = openInput(proc, name);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            await tool.warn(MSG.cannotOpen(name, e.message));
            ok = false;
            continue;
          }
          const reader = new Reader(proc, fd, out);
          try {
            const text = await reader.rest();
            header(name);
            out.put(tailOf(text, mode, count, fromStart));
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            await tool.warn(MSG.errorReading(name, e.message));
            ok = false;
            closeInput(proc, fd);
            continue;
          }
          // Following a pipe makes no sense (POSIX says -f is then ignored); a file or a terminal can grow.
          const kind = proc.file(fd).ops.kind;
          if (follow && kind !== 'pipe') followed.push({ name, fd, reader: new Reader(proc, fd, out) });
          else closeInput(proc, fd);
        }
        if (!follow) return ok ? 0 : 1;
        if (followed.length === 0) {
          if (names.some((n) => n !== '-')) return tool.fatal('no files remaining');
          return ok ? 0 : 1;
        }
        await out.flush();
        // Poll: read what was appended since, print it, sleep. Ends by a signal (Ctrl-C).
        for (;;) {
          for (const f of followed) {
            const more = proc.file(f.fd).ops.kind === 'regular' ? await proc.read(f.fd) : '';
            if (more !== '') {
              header(f.name);
              out.put(more);
            }
          }
          await out.flush();
          await proc.sleep(interval * 1000);
          await proc.checkpoint();
        }
      },
      argv,
    );
  },
});
