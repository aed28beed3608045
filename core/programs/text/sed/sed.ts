/** sed (GNU sed 4.1.2): the stream editor, as a program of the emulated system. */
import { SyscallError } from '../../../kernel/errno.js';
import { O_CREAT, O_EXCL, O_WRONLY } from '../../../kernel/file.js';
import { defineProgram } from '../../registry.js';
import { Output } from '../../lib/io.js';
import { runTool, type ToolSpec } from '../../lib/tool.js';
import { dirName } from '../names.js';
import { InputStream, SedMachine, SedRuntimeError } from './exec.js';
import { compileScript, SedError, type ScriptSource } from './parse.js';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if extension supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -r, --regexp-extended
                 use extended regular expressions in the script.
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

E-mail bug reports to: bug-gnu-utils@gnu.org .
Be sure to include the word \`\`sed'' somewhere in the \`\`Subject:'' field.
`;

const SPEC: ToolSpec = {
  name: 'sed',
  suite: 'sed',
  help: USAGE,
  // sed 4.1 answers a bad option with its whole usage text on stderr and status 4.
  usageStatus: 4,
  usageHint: () => USAGE,
  options: [
    { short: 'n', long: 'quiet' },
    { short: 'n', long: 'silent' },
    { short: 'e', long: 'expression', arg: 'required' },
    { short: 'f', long: 'file', arg: 'required' },
    { short: 'i', long: 'in-place', arg: 'optional' },
    { short: 'l', long: 'line-length', arg: 'required' },
    { long: 'posix', key: 'posix' },
    { short: 'r', long: 'regexp-extended' },
    { short: 'E', key: 'r' },
    { short: 's', long: 'separate' },
    { short: 'u', long: 'unbuffered' },
  ],
};

defineProgram({
  name: 'sed',
  options: ['-n', '-e', '-f', '-i', '-r', '-s', '--expression=', '--in-place', '--quiet', '--regexp-extended'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      const sources: ScriptSource[] = [];
      let quiet = false;
      let inPlace: string | undefined;
      let extended = false;
      let separate = false;
      let posix = proc.env.POSIXLY_CORRECT !== undefined;
      let lineWrap = 70;
      let exprCount = 0;
      for (const o of options) {
        const v = o.value ?? '';
        if (o.key === 'n') quiet = true;
        else if (o.key === 'e') sources.push({ text: v, origin: { kind: 'expr', index: ++exprCount } });
        else if (o.key === 'f') {
          try {
            const text = v === '-' ? await proc.readAll(0) : await proc.readFile(v);
            sources.push({ text: text.replace(/\n$/, ''), origin: { kind: 'file', name: v } });
          } catch (e) {
            if (e instanceof SyscallError) return tool.fatal(`couldn't open file ${v}: ${e.message}`, 1);
            throw e;
          }
        } else if (o.key === 'i') {
          inPlace = v;
          separate = true;
        } else if (o.key === 'l') {
          if (!/^\d+$/.test(v)) return tool.fatal(`invalid line length: ${v}`, 4);
          lineWrap = Number(v);
        } else if (o.key === 'posix') posix = true;
        else if (o.key === 'r') extended = true;
        else if (o.key === 's') separate = true;
      }
      const files = [...operands];
      if (sources.length === 0) {
        const script = files.shift();
        if (script === undefined) {
          await tool.errText(USAGE);
          return 4;
        }
        sources.push({ text: script, origin: { kind: 'expr', index: 1 } });
      }
      let program;
      try {
        program = compileScript(sources, extended);
      } catch (e) {
        if (e instanceof SedError) return tool.fatal(e.message, 1);
        throw e;
      }
      const machine = new SedMachine(tool, program, { quiet, lineWrap, posix });
      let failed = false;
      try {
        machine.openWriteFiles();
        if (inPlace === undefined) {
          const groups = separate ? (files.length ? files.map((f) => [f]) : [['-']]) : [files.length ? files : ['-']];
          for (const g of groups) {
            const input = new InputStream(tool, g, () => tool.out);
            await machine.run(input, tool.out, separate);
            failed ||= input.failed;
            if (machine.exitCode !== undefined) break;
          }
        } else {
          if (files.length === 0) {
            // Nothing to edit: GNU sed reads standard input and writes standard output.
            const input = new InputStream(tool, ['-'], () => tool.out);
            await machine.run(input, tool.out, true);
          }
          let serial = 0;
          for (const file of files) {
            let perm = 0o644;
            try {
              const st = proc.fs.stat(file);
              if (st.type !== 'file') {
                await tool.warn(`couldn't edit ${file}: not a regular file`);
                failed = true;
                continue;
              }
              perm = st.perm;
            } catch (e) {
              if (!(e instanceof SyscallError)) throw e;
              await tool.warn(`can't read ${file}: ${e.message}`);
              failed = true;
              continue;
            }
            // A new file beside the old one, renamed over it: the edited file is a new inode, as with GNU sed.
            const dir = dirName(file);
            const tmp = `${dir}/sed${(proc.pid * 7919 + serial++).toString(36).padStart(6, 'X').slice(-6)}`;
            let fd: number;
            try {
              fd = proc.open(tmp, O_WRONLY | O_CREAT | O_EXCL, perm);
            } catch (e) {
              if (e instanceof SyscallError) return tool.fatal(`couldn't open temporary file ${tmp}: ${e.message}`, 4);
              throw e;
            }
            const out = new Output(proc, fd);
            const input = new InputStream(tool, [file], () => out);
            await machine.run(input, out, true);
            await out.flush();
            proc.close(fd);
            try {
              try {
                proc.fs.chmod(tmp, perm);
              } catch {
                // Permissions are best effort, as in sed (fchmod failures are ignored).
              }
              if (inPlace !== '') {
                const base = file.slice(file.lastIndexOf('/') + 1);
                const backup = inPlace.includes('*')
                  ? (inPlace.includes('/') ? '' : file.slice(0, file.length - base.length)) + inPlace.replace(/\*/g, base)
                  : file + inPlace;
                proc.fs.rename(file, backup);
              }
              proc.fs.rename(tmp, file);
            } catch (e) {
              if (e instanceof SyscallError) return tool.fatal(`cannot rename ${tmp}: ${e.message}`, 4);
              throw e;
            }
            if (machine.exitCode !== undefined) break;
          }
        }
        await machine.closeWriteFiles();
      } catch (e) {
        if (e instanceof SedRuntimeError) return tool.fatal(e.message, e.status);
        throw e;
      }
      return machine.exitCode ?? (failed ? 2 : 0);
    }),
});
