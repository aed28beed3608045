/** /bin/echo (coreutils 5.2.1): options only when every letter is one of -n -e -E; --help/--version only alone. */
import { defineProgram } from '../registry.js';
import { versionText } from '../lib/messages.js';
import { interpretEscapes } from '../lib/printf.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: echo [OPTION]... [STRING]...
Echo the STRING(s) to standard output.

  -n              do not output the trailing newline
  -e              enable interpretation of backslash escapes
  -E              disable interpretation of backslash escapes (default)
      --help     display this help and exit
      --version  output version information and exit

If -e is in effect, the following sequences are recognized:

  \\0NNN   the character whose ASCII code is NNN (octal)
  \\\\     backslash
  \\a     alert (BEL)
  \\b     backspace
  \\c     suppress trailing newline
  \\f     form feed
  \\n     new line
  \\r     carriage return
  \\t     horizontal tab
  \\v     vertical tab

NOTE: your shell may have its own version of echo which will supercede
the version described here.  Please refer to your shell's documentation
for details about the options it supports.

Report bugs to <bug-coreutils@gnu.org>.
`;

// echo parses its own arguments: nothing goes through getopt.
const SPEC: ToolSpec = { name: 'echo', suite: 'coreutils', help: HELP, options: [], authors: 'FIXME unknown' };

defineProgram({
  name: 'echo',
  options: ['-n', '-e', '-E'],
  main: (proc) =>
    runTool(
      proc,
      { ...SPEC, settings: { special: () => true } },
      async (tool) => {
        const args = proc.argv.slice(1);
        if (args.length === 1 && args[0] === '--help') {
          tool.out.put(HELP);
          return 0;
        }
        if (args.length === 1 && args[0] === '--version') {
          tool.out.put(versionText('coreutils', 'echo', 'FIXME unknown'));
          return 0;
        }
        let newline = true;
        let escapes = false;
        let i = 0;
        if (proc.env.POSIXLY_CORRECT === undefined) {
          for (; i < args.length; i++) {
            const a = args[i]!;
            if (!/^-[neE]+$/.test(a)) break;
            for (const c of a.slice(1)) {
              if (c === 'n') newline = false;
              else escapes = c === 'e';
            }
          }
        } else escapes = true;
        let text = args.slice(i).join(' ');
        if (escapes) {
          const r = interpretEscapes(text, 'echo');
          text = r.text;
          if (r.stop) newline = false;
        }
        tool.out.put(newline ? text + '\n' : text);
        return 0;
      },
    ),
});
