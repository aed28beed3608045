/**
 * Every `vlab` command, in the order the usage lists them. A new command adds one entry here
 * and one module under commands/ — `vlab lab …` (lab check, lab new, pack import/export) goes
 * here when the lab engine lands, as a command whose run() dispatches on its first positional.
 */
import type { CommandSpec } from './types.js';

export const commands: CommandSpec[] = [
  {
    name: 'serve',
    synopsis: '[--port N] [--no-open]',
    summary: 'Serve vlab on http://127.0.0.1 and open it in the web browser',
    options: [
      {
        name: 'port',
        kind: 'port',
        valueName: 'N',
        description: 'port on 127.0.0.1 (0 = any free port; default 4317, or any free port when it is busy)',
      },
      { name: 'no-open', kind: 'flag', description: 'print the address but do not open a web browser' },
    ],
    load: () => import('./serve.js'),
  },
  {
    name: 'shell',
    synopsis: '[--world NAME] [--host NAME] [--script FILE]',
    summary: 'Run the emulated shell in this terminal',
    options: [
      { name: 'world', kind: 'string', valueName: 'NAME', description: 'world to boot (default vserver-host; a wrong name lists the known worlds)' },
      { name: 'host', kind: 'string', valueName: 'NAME', description: "machine of the world to log into (default: the world's first machine)" },
      {
        name: 'script',
        kind: 'string',
        valueName: 'FILE',
        description: "type the lines of FILE ('-' for stdin), then Ctrl-D, and print the output (also done when stdin is a pipe)",
      },
    ],
    load: () => import('./shell.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}
