/** uniq (coreutils 5.2.1): report or omit repeated adjacent lines; `uniq [INPUT [OUTPUT]]`. */
import { SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import { defineProgram } from '../registry.js';
import { Output, Reader, closeInput, openInput } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Discard all but one of successive identical lines from INPUT (or
standard input), writing to OUTPUT (or standard output).

Mandatory arguments to long options are mandatory for short options too.
  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines
  -D, --all-repeated[=delimit-method] print all duplicate lines
                        delimit-method={none(default),prepend,separate}
                        Delimiting is done with blank lines.
  -f, --skip-fields=N   avoid comparing the first N fields
  -i, --ignore-case     ignore differences in case when comparing
  -s, --skip-chars=N    avoid comparing the first N characters
  -u, --unique          only print unique lines
  -w, --check-chars=N   compare no more than N characters in lines
      --help     display this help and exit
      --version  output version information and exit

A field is a run of whitespace, then non-whitespace characters.
Fields are skipped before chars.

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'uniq',
  suite: 'coreutils',
  help: HELP,
  authors: 'Richard Stallman and David MacKenzie',
  options: [
    { short: 'c', long: 'count' },
    { short: 'd', long: 'repeated' },
    { short: 'D', long: 'all-repeated', arg: 'optional' },
    { short: 'f', long: 'skip-fields', arg: 'required' },
    { short: 'i', long: 'ignore-case' },
    { short: 's', long: 'skip-chars', arg: 'required' },
    { short: 'u', long: 'unique' },
    { short: 'w', long: 'check-chars', arg: 'required' },
  ],
};

defineProgram({
  name: 'uniq',
  options: ['-c', '-d', '-D', '-f', '-i', '-s', '-u', '-w'],
  main: (proc) => {
    // Obsolete "-N" (skip N fields) and "+N" (skip N chars).
    const argv = proc.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-f${a.slice(1)}` : /^\+\d+$/.test(a) ? `-s${a.slice(1)}` : a));
    return runTool(
      proc,
      SPEC,
      async (tool, { options, operands }) => {
        let count = false;
        let onlyRepeated = false;
        let onlyUnique = false;
        let allRepeated: string | undefined;
        let skipFields = 0;
        let skipChars = 0;
        let checkChars = Infinity;
        let icase = false;
        for (const o of options) {
          const num = async (what: string) => {
            if (!/^\d+$/.test(o.value!)) return tool.fatal(`${o.value}: invalid number of ${what} to ${what === 'bytes' ? 'compare' : 'skip'}`);
            return Number(o.value);
          };
          if (o.key === 'c') count = true;
          else if (o.key === 'd') onlyRepeated = true;
          else if (o.key === 'u') onlyUnique = true;
          else if (o.key === 'i') icase = true;
          else if (o.key === 'D') {
            allRepeated = o.value ?? 'none';
            if (!['none', 'prepend', 'separate'].includes(allRepeated)) return tool.usageError(`invalid argument \`${allRepeated}' for \`--all-repeated'`);
          } else if (o.key === 'f') skipFields = await num('fields');
          else if (o.key === 's') skipChars = await num('bytes');
          else if (o.key === 'w') checkChars = await num('bytes');
        }
        if (count && allRepeated !== undefined) return tool.usageError('printing all duplicated lines and repeat counts is meaningless');
        if (operands.length > 2) return tool.usageError(`extra operand \`${operands[2]}'`);
        const keyOf = (line: string) => {
          let i = 0;
          for (let f = 0; f < skipFields; f++) {
            while (i < line.length && /\s/.test(line[i]!)) i++;
            while (i < line.length && !/\s/.test(line[i]!)) i++;
          }
          let k = line.slice(i + skipChars);
          if (checkChars !== Infinity) k = k.slice(0, checkChars);
          return icase ? k.toLowerCase() : k;
        };
        const inName = operands[0] ?? '-';
        let fd: number;
        try {
          fd = openInput(proc, inName);
        } catch (e) {
          if (e instanceof SyscallError) return tool.fatal(`${inName}: ${e.message}`);
          throw e;
        }
        let out = tool.out;
        if (operands[1] !== undefined && operands[1] !== '-') {
          try {
            out = new Output(proc, proc.open(operands[1], O_WRONLY | O_CREAT | O_TRUNC));
          } catch (e) {
            if (e instanceof SyscallError) return tool.fatal(`${operands[1]}: ${e.message}`);
            throw e;
          }
        }
        const reader = new Reader(proc, fd, out);
        let group: string[] = [];
        let groupKey = '';
        let groupsPrinted = 0;
        const emit = () => {
          if (group.length === 0) return;
          const n = group.length;
          if (allRepeated !== undefined) {
            if (n > 1) {
              if ((allRepeated === 'prepend' || (allRepeated === 'separate' && groupsPrinted > 0)) ) out.put('\n');
              for (const l of group) out.put(l + '\n');
              groupsPrinted++;
            }
          } else if ((!onlyRepeated || n > 1) && (!onlyUnique || n === 1)) {
            out.put((count ? `${String(n).padStart(7)} ` : '') + group[0] + '\n');
          }
        };
        try {
          for (let l = await reader.line(); l; l = await reader.line()) {
            const k = keyOf(l.text);
            if (group.length > 0 && k === groupKey) {
              if (allRepeated !== undefined) group.push(l.text);
              else group.length++;
            } else {
              emit();
              group = [l.text];
              groupKey = k;
            }
            await out.tick();
          }
        } catch (e) {
          if (e instanceof SyscallError) return tool.fatal(`${inName}: ${e.message}`);
          throw e;
        } finally {
          closeInput(proc, fd);
        }
        emit();
        if (out !== tool.out) {
          await out.flush();
          proc.close(out.fd);
        }
        return 0;
      },
      argv,
    );
  },
});
