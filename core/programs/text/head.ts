/** head (coreutils 5.2.1): the first lines or bytes of files, with ==> name <== headers for several. */
import { defineProgram } from '../registry.js';
import { eachInput, parseCount } from '../lib/inputs.js';
import { Reader, utf8Length } from '../lib/io.js';
import { MSG } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]N         print the first N bytes of each file;
                             with the leading \`-', print all but the last
                             N bytes of each file
  -n, --lines=[-]N         print the first N lines instead of the first 10;
                             with the leading \`-', print all but the last
                             N lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
      --help     display this help and exit
      --version  output version information and exit

N may have a multiplier suffix: b 512, k 1024, m 1024*1024.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'head',
  suite: 'coreutils',
  help: HELP,
  authors: 'David MacKenzie and Jim Meyering',
  options: [
    { short: 'c', long: 'bytes', arg: 'required' },
    { short: 'n', long: 'lines', arg: 'required' },
    { short: 'q', long: 'quiet' },
    { short: 'q', long: 'silent' },
    { short: 'v', long: 'verbose' },
  ],
};

/** Take the first n characters counted in bytes (multi-byte characters are kept whole when they fit). */
function firstBytes(s: string, n: number): string {
  if (utf8Length(s) <= n) return s;
  let used = 0;
  let i = 0;
  for (const ch of s) {
    used += utf8Length(ch);
    if (used > n) break;
    i += ch.length;
  }
  return s.slice(0, i);
}

defineProgram({
  name: 'head',
  options: ['-c', '-n', '-q', '-v', '--bytes=', '--lines=', '--quiet', '--verbose'],
  main: (proc) => {
    // The obsolete form "head -5" / "head -5c": rewrite it as -n 5 / -c 5 before getopt.
    const argv = proc.argv.slice(1);
    const first = argv[0];
    const obsolete = first !== undefined ? /^-(\d+)([bkm]?)([cl]?)([qv]?)$/.exec(first) : null;
    if (obsolete) argv.splice(0, 1, obsolete[3] === 'c' ? '-c' : '-n', obsolete[1]! + obsolete[2]!, ...(obsolete[4] ? [`-${obsolete[4]}`] : []));
    return runTool(
      proc,
      SPEC,
      async (tool, { options, operands }) => {
        let mode: 'lines' | 'bytes' = 'lines';
        let count = 10;
        let allBut = false;
        let headers: boolean | undefined;
        for (const o of options) {
          if (o.key === 'n' || o.key === 'c') {
            const v = o.value!;
            const n = parseCount(v.replace(/^-/, ''));
            if (n === undefined) return tool.fatal(`${v}: invalid number of ${o.key === 'n' ? 'lines' : 'bytes'}`);
            mode = o.key === 'n' ? 'lines' : 'bytes';
            count = n;
            allBut = v.startsWith('-');
          } else if (o.key === 'q') headers = false;
          else if (o.key === 'v') headers = true;
        }
        const names = operands.length ? operands : ['-'];
        const showHeaders = headers ?? names.length > 1;
        const out = tool.out;
        let firstFile = true;
        const ok = await eachInput(
          tool,
          names,
          async (fd, name) => {
            if (showHeaders) out.put(`${firstFile ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
            firstFile = false;
            const reader = new Reader(proc, fd, out);
            if (mode === 'lines' && !allBut) {
              for (let i = 0; i < count; i++) {
                const line = await reader.line();
                if (!line) break;
                out.put(line.nl ? line.text + '\n' : line.text);
                await out.tick();
              }
            } else if (mode === 'bytes' && !allBut) {
              let left = count;
              while (left > 0) {
                const chunk = await reader.chunk();
                if (chunk === '') break;
                const part = firstBytes(chunk, left);
                out.put(part);
                left -= utf8Length(part);
                if (part.length < chunk.length) break;
                await out.tick();
              }
            } else {
              // All but the last N: everything must be read before deciding.
              const text = await reader.rest();
              if (count === 0) out.put(text);
              else if (mode === 'bytes') out.put(firstBytes(text, Math.max(0, utf8Length(text) - count)));
              else {
                const lines = text.split('\n');
                const complete = text.endsWith('\n') ? lines.length - 1 : lines.length;
                const keep = Math.max(0, complete - count);
                out.put(lines.slice(0, keep).map((l) => l + '\n').join(''));
              }
            }
          },
          (name, reason, phase) => (phase === 'open' ? MSG.cannotOpen(name, reason) : MSG.errorReading(name, reason)),
        );
        return ok ? 0 : 1;
      },
      argv,
    );
  },
});
