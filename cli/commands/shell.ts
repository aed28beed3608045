/**
 * `vlab shell`: the emulated shell in the real terminal.
 *
 * Interactive (stdin is a terminal, no --script): raw keystrokes go to the emulated tty, which
 * does its own line editing, echo and Ctrl-C. Script mode (--script FILE or piped stdin): each
 * line is typed followed by Enter and the world runs until idle before the next one, so the
 * output is the same byte for byte on every run.
 */
import { readFile } from 'node:fs/promises';
import { bootWorld, worldPresets, type ConsoleSession, type HostHooks, type World } from '../../core/index.js';
import { CliError, strerror } from '../errors.js';
import type { CliIo, ParsedArgs } from './types.js';

/** Script mode uses a fixed screen size: output must not depend on the terminal it runs in. */
export const SCRIPT_COLS = 80;
export const SCRIPT_ROWS = 24;
/** How often real time is fed to the world in interactive use (sleep, timeouts, top refresh). */
const CLOCK_TICK_MS = 50;

const hooks: HostHooks = {
  // setImmediate lets stdin deliver a Ctrl-C to a world that is busy running a loop.
  yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  debug: process.env.VLAB_DEBUG ? (message) => process.stderr.write(`[core] ${message}\n`) : undefined,
};

export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const worldName = (args.options.world as string | undefined) ?? worldPresets[0];
  if (!(worldPresets as readonly string[]).includes(worldName)) {
    throw new CliError(`vlab: unknown world '${worldName}'; known worlds: ${worldPresets.join(', ')}`, 2);
  }
  const scriptFile = args.options.script as string | undefined;
  // Read the script before booting: a typo in the file name should fail at once.
  let script: string | undefined;
  if (scriptFile === '-') {
    script = await readAll(process.stdin);
  } else if (scriptFile !== undefined) {
    try {
      script = await readFile(scriptFile, 'utf8');
    } catch (error) {
      throw new CliError(`vlab: cannot read script '${scriptFile}': ${strerror(error)}`, 1);
    }
  } else if (!process.stdin.isTTY) {
    script = await readAll(process.stdin);
  }

  const world = bootWorld(worldName, hooks);
  const host = args.options.host as string | undefined;
  if (host !== undefined && !world.info.machines.includes(host)) {
    throw new CliError(`vlab: world '${worldName}' has no machine '${host}'; its machines: ${world.info.machines.join(', ')}`, 2);
  }

  if (script !== undefined) return runScript(world, host, script, (text) => io.out(text));
  return runInteractive(world, host);
}

/** Split a script into the lines a person would type (a final newline does not add an empty line). */
export function scriptLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Type each line, run to idle, then Ctrl-D. Returns the shell's exit status. */
export async function runScript(world: World, host: string | undefined, text: string, write: (data: string) => void): Promise<number> {
  const session = world.openConsole({ cols: SCRIPT_COLS, rows: SCRIPT_ROWS, mode: 'script', host });
  let status: number | undefined;
  session.onOutput((data) => {
    write(data);
    // Acknowledge at once: whether output pauses must not depend on how fast stdout drains.
    session.acknowledge(data.length);
  });
  session.onExit((s) => {
    status ??= s;
  });
  await world.settle();
  for (const line of scriptLines(text)) {
    if (status !== undefined) break;
    session.input(`${line}\r`);
    await world.settle();
  }
  if (status === undefined) {
    session.input('\x04');
    await world.settle();
  }
  session.close();
  await flushStdout();
  return status ?? 0;
}

async function runInteractive(world: World, host: string | undefined): Promise<number> {
  const { stdin, stdout } = process;
  const session: ConsoleSession = world.openConsole({
    cols: stdout.columns || 80,
    rows: stdout.rows || 24,
    mode: 'interactive',
    host,
  });

  // Drive the world: settle after every input and clock tick; one settle at a time.
  let settling = false;
  let again = false;
  const pump = async () => {
    if (settling) {
      again = true;
      return;
    }
    settling = true;
    try {
      do {
        again = false;
        await world.settle();
      } while (again);
    } finally {
      settling = false;
    }
  };
  const kick = () => void pump().catch(() => {});

  session.onOutput((data) => {
    stdout.write(data, () => session.acknowledge(data.length));
  });

  let last = performance.now();
  const clock = setInterval(() => {
    const now = performance.now();
    world.advanceTime(now - last);
    last = now;
    kick();
  }, CLOCK_TICK_MS);

  const onData = (data: string) => {
    session.input(data);
    kick();
  };
  const onResize = () => {
    session.resize(stdout.columns || 80, stdout.rows || 24);
    kick();
  };
  // The terminal must come back in cooked mode however vlab ends.
  const restore = () => {
    clearInterval(clock);
    stdin.off('data', onData);
    stdout.off('resize', onResize);
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    stdin.pause();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  process.once('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  const status = await new Promise<number>((resolve) => {
    session.onExit(resolve);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdout.on('resize', onResize);
    stdin.resume();
    kick();
  });

  restore();
  process.off('exit', restore);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  session.close();
  await flushStdout();
  return status;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolve once everything written so far has reached stdout. */
function flushStdout(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}
