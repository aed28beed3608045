/** paste, comm and join (coreutils 5.2.1): combine files line by line, or by a join field. */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { Reader, closeInput, openInput, type Line } from '../lib/io.js';
import { runTool, type Tool, type ToolSpec } from '../lib/tool.js';

const PASTE_HELP = `Usage: paste [OPTION]... [FILE]...
Write lines consisting of the sequentially corresponding lines from
each FILE, separated by TABs, to standard output.
With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --delimiters=LIST   reuse characters from LIST instead of TABs
  -s, --serial            paste one file at a time instead of in parallel
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const PASTE: ToolSpec = {
  name: 'paste',
  suite: 'coreutils',
  help: PASTE_HELP,
  authors: 'David M. Ihnat and David MacKenzie',
  options: [
    { short: 'd', long: 'delimiters', arg: 'required' },
    { short: 's', long: 'serial' },
  ],
};

/** paste's delimiter list: \n \t \\ and \0 (no delimiter). */
function delimiters(list: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '\\' && i + 1 < list.length) {
      const e = list[++i]!;
      out.push(e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '' : e);
    } else out.push(list[i]!);
  }
  return out;
}

/** Open every operand (stdin once for all '-'); reports failures and returns undefined then. */
async function openAll(tool: Tool, names: string[]): Promise<{ name: string; fd: number; reader: Reader }[] | undefined> {
  const opened: { name: string; fd: number; reader: Reader }[] = [];
  let stdin: Reader | undefined;
  for (const name of names) {
    try {
      const fd = openInput(tool.proc, name);
      const reader = name === '-' ? (stdin ??= new Reader(tool.proc, 0, tool.out)) : new Reader(tool.proc, fd, tool.out);
      opened.push({ name, fd, reader });
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      for (const o of opened) closeInput(tool.proc, o.fd);
      await tool.warn(`${name}: ${e.message}`);
      return undefined;
    }
  }
  return opened;
}

defineProgram({
  name: 'paste',
  main: (proc) =>
    runTool(proc, PASTE, async (tool, { options, operands }) => {
      let delims = ['\t'];
      let serial = false;
      for (const o of options) {
        if (o.key === 'd') delims = delimiters(o.value!);
        else if (o.key === 's') serial = true;
      }
      if (delims.length === 0) delims = [''];
      const files = await openAll(tool, operands.length ? operands : ['-']);
      if (!files) return 1;
      const out = tool.out;
      try {
        if (serial) {
          for (const f of files) {
            let i = 0;
            let any = false;
            for (let l = await f.reader.line(); l; l = await f.reader.line()) {
              if (any) out.put(delims[i++ % delims.length]!);
              out.put(l.text);
              any = true;
              await out.tick();
            }
            if (any) out.put('\n');
          }
        } else {
          const done = files.map(() => false);
          for (;;) {
            const lines: (Line | null)[] = [];
            for (let k = 0; k < files.length; k++) lines.push(done[k] ? null : await files[k]!.reader.line());
            lines.forEach((l, k) => {
              if (!l) done[k] = true;
            });
            if (lines.every((l) => !l)) break;
            let row = '';
            lines.forEach((l, k) => {
              row += l?.text ?? '';
              if (k < lines.length - 1) row += delims[k % delims.length]!;
            });
            out.put(row + '\n');
            await out.tick();
          }
        }
      } finally {
        for (const f of files) closeInput(proc, f.fd);
      }
      return 0;
    }),
});

// ----- comm --------------------------------------------------------------------------------------

const COMM_HELP = `Usage: comm [OPTION]... FILE1 FILE2
Compare sorted files FILE1 and FILE2 line by line.

With no options, produce three-column output.  Column one contains
lines unique to FILE1, column two contains lines unique to FILE2,
and column three contains lines common to both files.

  -1              suppress lines unique to FILE1
  -2              suppress lines unique to FILE2
  -3              suppress lines that appear in both files
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const COMM: ToolSpec = {
  name: 'comm',
  suite: 'coreutils',
  help: COMM_HELP,
  authors: 'Richard Stallman and David MacKenzie',
  options: [{ short: '1' }, { short: '2' }, { short: '3' }],
};

defineProgram({
  name: 'comm',
  main: (proc) =>
    runTool(proc, COMM, async (tool, { options, operands }) => {
      const hide = new Set(options.map((o) => o.key));
      if (operands.length < 2) return tool.usageError('too few arguments');
      if (operands.length > 2) return tool.usageError('too many arguments');
      const files = await openAll(tool, operands);
      if (!files) return 1;
      const [a, b] = [files[0]!.reader, files[1]!.reader];
      const col = (n: 1 | 2 | 3, text: string) => {
        if (hide.has(String(n))) return;
        let indent = '';
        for (let k = 1; k < n; k++) if (!hide.has(String(k))) indent += '\t';
        tool.out.put(indent + text + '\n');
      };
      let x = await a.line();
      let y = await b.line();
      while (x || y) {
        if (x && (!y || x.text < y.text)) {
          col(1, x.text);
          x = await a.line();
        } else if (y && (!x || y.text < x.text)) {
          col(2, y.text);
          y = await b.line();
        } else {
          col(3, x!.text);
          x = await a.line();
          y = await b.line();
        }
        await tool.out.tick();
      }
      for (const f of files) closeInput(proc, f.fd);
      return 0;
    }),
});

// ----- join --------------------------------------------------------------------------------------

const JOIN_HELP = `Usage: join [OPTION]... FILE1 FILE2
For each pair of input lines with identical join fields, write a line to
standard output.  The default join field is the first, delimited
by whitespace.  When FILE1 or FILE2 (not both) is -, read standard input.

  -a FILENUM        print unpairable lines coming from file FILENUM, where
                      FILENUM is 1 or 2, corresponding to FILE1 or FILE2
  -e EMPTY          replace missing input fields with EMPTY
  -i, --ignore-case ignore differences in case when comparing fields
  -j FIELD          (obsolescent) equivalent to \`-1 FIELD -2 FIELD'
  -o FORMAT         obey FORMAT while constructing output line
  -t CHAR           use CHAR as input and output field separator
  -v FILENUM        like -a FILENUM, but suppress joined output lines
  -1 FIELD          join on this FIELD of file 1
  -2 FIELD          join on this FIELD of file 2
      --help     display this help and exit
      --version  output version information and exit

Unless -t CHAR is given, leading blanks separate fields and are ignored,
else fields are separated by CHAR.  Any FIELD is a field number counted
from 1.  FORMAT is one or more comma or blank separated specifications,
each being \`FILENUM.FIELD' or \`0'.  Default FORMAT outputs the join field,
the remaining fields from FILE1, the remaining fields from FILE2, all
separated by CHAR.

Important: FILE1 and FILE2 must be sorted on the join fields.

Report bugs to <bug-coreutils@gnu.org>.
`;

const JOIN: ToolSpec = {
  name: 'join',
  suite: 'coreutils',
  help: JOIN_HELP,
  authors: 'Mike Haertel',
  options: [
    { short: 'a', arg: 'required' },
    { short: 'e', arg: 'required' },
    { short: 'i', long: 'ignore-case' },
    { short: 'j', arg: 'required' },
    { short: 'o', arg: 'required' },
    { short: 't', arg: 'required' },
    { short: 'v', arg: 'required' },
    { short: '1', arg: 'required' },
    { short: '2', arg: 'required' },
  ],
};

defineProgram({
  name: 'join',
  main: (proc) =>
    runTool(proc, JOIN, async (tool, { options, operands }) => {
      let f1 = 1;
      let f2 = 1;
      let tab: string | undefined;
      let empty = '';
      let icase = false;
      let format: { file: number; field: number }[] | undefined;
      const unpaired = new Set<number>();
      let suppressJoined = false;
      for (const o of options) {
        const v = o.value ?? '';
        const num = async () => {
          if (!/^\d+$/.test(v) || Number(v) === 0) return tool.fatal(`invalid field number: \`${v}'`);
          return Number(v);
        };
        if (o.key === '1') f1 = await num();
        else if (o.key === '2') f2 = await num();
        else if (o.key === 'j') f1 = f2 = await num();
        else if (o.key === 't') tab = v;
        else if (o.key === 'e') empty = v;
        else if (o.key === 'i') icase = true;
        else if (o.key === 'a' || o.key === 'v') {
          if (v !== '1' && v !== '2') return tool.fatal(`invalid field number: \`${v}'`);
          unpaired.add(Number(v));
          if (o.key === 'v') suppressJoined = true;
        } else if (o.key === 'o') {
          format = [];
          for (const spec of v.split(/[,\s]+/).filter(Boolean)) {
            const m = /^(?:0|([12])\.(\d+))$/.exec(spec);
            if (!m) return tool.fatal(`invalid field specifier: \`${spec}'`);
            format.push(m[1] ? { file: Number(m[1]), field: Number(m[2]) } : { file: 0, field: 0 });
          }
        }
      }
      if (operands.length < 2) return tool.usageError('too few arguments');
      if (operands.length > 2) return tool.usageError('too many arguments');
      const split = (line: string) => (tab !== undefined ? line.split(tab) : line.trim().split(/[ \t]+/).filter((s) => s !== ''));
      const files = await openAll(tool, operands);
      if (!files) return 1;
      const readAll = async (r: Reader) => {
        const rows: string[][] = [];
        for (let l = await r.line(); l; l = await r.line()) rows.push(split(l.text));
        return rows;
      };
      const rows1 = await readAll(files[0]!.reader);
      const rows2 = await readAll(files[1]!.reader);
      const keyOf = (row: string[], f: number) => {
        const k = row[f - 1] ?? '';
        return icase ? k.toLowerCase() : k;
      };
      const sep = tab ?? ' ';
      const emit = (r1: string[] | undefined, r2: string[] | undefined) => {
        const key = r1 ? r1[f1 - 1] : r2![f2 - 1];
        let fields: string[];
        if (format) {
          fields = format.map(({ file, field }) => {
            if (file === 0) return key ?? empty;
            const row = file === 1 ? r1 : r2;
            return row?.[field - 1] ?? empty;
          });
        } else {
          fields = [key ?? empty];
          if (r1) fields.push(...r1.filter((_, i) => i !== f1 - 1));
          if (r2) fields.push(...r2.filter((_, i) => i !== f2 - 1));
        }
        tool.out.put(fields.join(sep) + '\n');
      };
      let i = 0;
      let j = 0;
      while (i < rows1.length || j < rows2.length) {
        const k1 = i < rows1.length ? keyOf(rows1[i]!, f1) : undefined;
        const k2 = j < rows2.length ? keyOf(rows2[j]!, f2) : undefined;
        if (k2 === undefined || (k1 !== undefined && k1 < k2)) {
          if (unpaired.has(1)) emit(rows1[i], undefined);
          i++;
        } else if (k1 === undefined || k2 < k1) {
          if (unpaired.has(2)) emit(undefined, rows2[j]);
          j++;
        } else {
          // Every pairing of the equal-key runs.
          let i2 = i;
          while (i2 < rows1.length && keyOf(rows1[i2]!, f1) === k1) i2++;
          let j2 = j;
          while (j2 < rows2.length && keyOf(rows2[j2]!, f2) === k2) j2++;
          if (!suppressJoined) for (let a = i; a < i2; a++) for (let b = j; b < j2; b++) emit(rows1[a], rows2[b]);
          i = i2;
          j = j2;
        }
        await tool.out.tick();
      }
      for (const f of files) closeInput(proc, f.fd);
      return 0;
    }),
});
