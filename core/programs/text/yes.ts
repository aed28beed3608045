/** yes (coreutils 5.2.1): repeat a line until killed — in practice, until SIGPIPE when the reader goes away. */
import { defineProgram } from '../registry.js';
import { versionText } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';

const HELP = `Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or \`y'.

      --help     display this help and exit
      --version  output version information and exit

Report bugs to <bug-coreutils@gnu.org>.
`;

const SPEC: ToolSpec = { name: 'yes', suite: 'coreutils', help: HELP, options: [], authors: 'David MacKenzie' };

defineProgram({
  name: 'yes',
  main: (proc) =>
    runTool(proc, { ...SPEC, settings: { special: () => true } }, async (tool) => {
      const args = proc.argv.slice(1);
      // parse_long_options: --help and --version are honoured only as the sole argument.
      if (args.length === 1 && args[0] === '--help') {
        tool.out.put(HELP);
        return 0;
      }
      if (args.length === 1 && args[0] === '--version') {
        tool.out.put(versionText('coreutils', 'yes', SPEC.authors));
        return 0;
      }
      const line = (args.length ? args.join(' ') : 'y') + '\n';
      // Whole lines in blocks of about 4 KiB, as stdio would send them.
      const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
      for (;;) {
        tool.out.put(block);
        await tool.out.flush();
        await proc.checkpoint();
      }
    }),
});
