/** tee (coreutils 5.2.1): copy standard input to standard output and to files. */
import { SyscallError } from '../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import { SIG } from '../../kernel/signals.js';
import { defineProgram } from '../registry.js';
import { Reader } from '../lib/io.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = {
  name: 'tee',
  suite: 'coreutils',
  help: HELP,
  authors: 'Mike Parker, Richard M. Stallman, and David MacKenzie',
  options: [
    { short: 'a', long: 'append' },
    { short: 'i', long: 'ignore-interrupts' },
  ],
};

defineProgram({
  name: 'tee',
  options: ['-a', '-i', '--append', '--ignore-interrupts'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, { options, operands }) => {
      const append = options.some((o) => o.key === 'a');
      if (options.some((o) => o.key === 'i')) proc.signal(SIG.INT, 'ignore');
      let ok = true;
      const targets: { name: string; fd: number }[] = [];
      for (const name of operands) {
        try {
          // POSIX (and tee of this era): "-" is a file named "-", not standard output.
          const fd = proc.open(name, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC));
          targets.push({ name, fd });
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.warn(`${name}: ${e.message}`);
          ok = false;
        }
      }
      const reader = new Reader(proc, 0);
      for (let chunk = await reader.chunk(); chunk !== ''; chunk = await reader.chunk()) {
        // Standard output is written at once (not buffered), so a pipeline sees data as it arrives.
        tool.out.put(chunk);
        await tool.out.flush();
        for (const t of targets) {
          if (t.fd < 0) continue;
          try {
            await proc.write(t.fd, chunk);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            await tool.warn(`${t.name}: ${e.message}`);
            t.fd = -1;
            ok = false;
          }
        }
        await proc.checkpoint();
      }
      for (const t of targets) if (t.fd > 2) proc.close(t.fd);
      return ok ? 0 : 1;
    }),
});
