/** The usage text: every command and every option, generated from the command table. */
import { formatOptions, type OptionSpec } from './args.js';
import { commands } from './commands/index.js';
import type { CommandSpec } from './commands/types.js';

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'help', short: 'h', kind: 'flag', description: 'show this help and exit' },
  { name: 'version', short: 'V', kind: 'flag', description: 'print the version and exit' },
];

/** Each command accepts -h/--help too. */
export const COMMAND_HELP: OptionSpec = { name: 'help', short: 'h', kind: 'flag', description: 'show help for this command' };

export function usage(): string {
  const lines = [
    'Usage: vlab <command> [options]',
    '       vlab --help | --version',
    '',
    'vlab is an offline lab for teaching virtualisation: Linux-VServer, VMware ESX and x86 privilege levels.',
    '',
    'Commands:',
  ];
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length) + 2;
  for (const c of commands) lines.push(`  ${c.name.padEnd(width)}${c.summary}`);
  lines.push(`  ${'help'.padEnd(width)}Show this help, or one command's: vlab help <command>`);
  lines.push('', 'Options:', ...formatOptions(GLOBAL_OPTIONS));
  for (const c of commands) lines.push('', ...commandBlock(c));
  lines.push(
    '',
    'Environment:',
    '  VLAB_DATA_DIR      folder for progress and your own labs (default: ~/.config/vlab,',
    '                     %APPDATA%\\vlab on Windows, ~/Library/Application Support/vlab on macOS)',
    '  VLAB_RENDERER_DIR  serve this already built renderer folder instead of out/renderer',
    '',
    'Exit status: 0 on success, 1 on failure, 2 for a wrong command or option;',
    "vlab shell exits with the emulated shell's status.",
  );
  return lines.join('\n') + '\n';
}

export function commandUsage(c: CommandSpec): string {
  return [`Usage: vlab ${c.name} ${c.synopsis}`, '', `${c.summary}.`, '', ...commandBlock(c, false)].join('\n') + '\n';
}

function commandBlock(c: CommandSpec, withTitle = true): string[] {
  return [...(withTitle ? [`vlab ${c.name} ${c.synopsis}`] : ['Options:']), ...formatOptions([...c.options, COMMAND_HELP])];
}
