/**
 * `vlab`: dispatch to a command. Returns the exit status instead of exiting, so tests and
 * scripts/start.mjs can call it in-process.
 */
import { parseArgs } from './args.js';
import { findCommand } from './commands/index.js';
import type { CliIo } from './commands/types.js';
import { CliError } from './errors.js';
import { commandUsage, COMMAND_HELP, GLOBAL_OPTIONS, usage } from './usage.js';
import { packageVersion } from '../host/services/package-info.js';

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      if (error.showUsage) io.err(usage());
      return error.exitCode;
    }
    // A bug, not a user mistake: one line by default, the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`vlab: internal error: ${message}\n`);
    if (process.env.VLAB_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    else io.err('(set VLAB_DEBUG=1 to see the details)\n');
    return 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const first = argv[0];
  if (first === undefined) {
    io.err('vlab: no command given\n');
    io.err(usage());
    return 2;
  }

  if (first.startsWith('-')) {
    const parsed = parseArgs(argv, GLOBAL_OPTIONS);
    if (!parsed.ok) throw new CliError(`vlab: ${parsed.error}`, 2, true);
    if (parsed.options.help) {
      io.out(usage());
      return 0;
    }
    io.out(`vlab ${packageVersion()}\n`);
    return 0;
  }

  if (first === 'help') {
    const topic = argv[1];
    if (argv.length > 2) throw new CliError(`vlab: unexpected argument '${argv[2]}'`, 2, true);
    if (topic === undefined) {
      io.out(usage());
      return 0;
    }
    const command = findCommand(topic);
    if (!command) throw new CliError(`vlab: unknown command '${topic}'`, 2, true);
    io.out(commandUsage(command));
    return 0;
  }

  const command = findCommand(first);
  if (!command) throw new CliError(`vlab: unknown command '${first}'`, 2, true);
  const parsed = parseArgs(argv.slice(1), [...command.options, COMMAND_HELP], { maxPositionals: command.maxPositionals ?? 0 });
  if (!parsed.ok) throw new CliError(`vlab: ${parsed.error}`, 2, true);
  if (parsed.options.help) {
    io.out(commandUsage(command));
    return 0;
  }
  const implementation = await command.load();
  return implementation.run({ options: parsed.options, positionals: parsed.positionals }, io);
}
