import { describe, expect, it } from 'vitest';
import { formatOptions, parseArgs, type OptionSpec } from './args.js';

const specs: OptionSpec[] = [
  { name: 'port', kind: 'port', valueName: 'N', description: 'port' },
  { name: 'no-open', kind: 'flag', description: 'no browser' },
  { name: 'script', kind: 'string', valueName: 'FILE', description: 'script' },
  { name: 'help', short: 'h', kind: 'flag', description: 'help' },
];

describe('parseArgs', () => {
  it('reads flags, values in both spellings, and short aliases', () => {
    expect(parseArgs(['--port', '8080', '--no-open'], specs)).toEqual({ ok: true, options: { port: 8080, 'no-open': true }, positionals: [] });
    expect(parseArgs(['--port=0', '--script=a b.sh'], specs)).toEqual({ ok: true, options: { port: 0, script: 'a b.sh' }, positionals: [] });
    expect(parseArgs(['-h'], specs)).toEqual({ ok: true, options: { help: true }, positionals: [] });
  });

  it('refuses unknown options, naming them as typed', () => {
    expect(parseArgs(['--frob'], specs)).toEqual({ ok: false, error: "unknown option '--frob'" });
    expect(parseArgs(['--frob=1'], specs)).toEqual({ ok: false, error: "unknown option '--frob'" });
    expect(parseArgs(['-x'], specs)).toEqual({ ok: false, error: "unknown option '-x'" });
    expect(parseArgs(['-hx'], specs)).toEqual({ ok: false, error: "unknown option '-hx'" });
  });

  it('checks values', () => {
    expect(parseArgs(['--port'], specs)).toEqual({ ok: false, error: "option '--port' needs a value (N)" });
    expect(parseArgs(['--port', '--no-open'], specs)).toMatchObject({ ok: false, error: "option '--port' needs a value (N)" });
    expect(parseArgs(['--port', 'abc'], specs)).toEqual({ ok: false, error: "option '--port' needs a port number from 0 to 65535, not 'abc'" });
    expect(parseArgs(['--port', '70000'], specs)).toMatchObject({ ok: false });
    expect(parseArgs(['--port', '-1'], specs)).toMatchObject({ ok: false });
    expect(parseArgs(['--port', '1.5'], specs)).toMatchObject({ ok: false });
    expect(parseArgs(['--no-open=yes'], specs)).toEqual({ ok: false, error: "option '--no-open' takes no value" });
    expect(parseArgs(['--script='], specs)).toEqual({ ok: false, error: "option '--script' needs a non-empty value" });
    expect(parseArgs(['--port', '1', '--port', '2'], specs)).toEqual({ ok: false, error: "option '--port' is given more than once" });
  });

  it('accepts a script named "-" (stdin convention) as a value', () => {
    expect(parseArgs(['--script', '-'], specs)).toEqual({ ok: true, options: { script: '-' }, positionals: [] });
  });

  it('limits positionals and honours --', () => {
    expect(parseArgs(['extra'], specs)).toEqual({ ok: false, error: "unexpected argument 'extra'" });
    expect(parseArgs(['a', '--', '--port'], specs, { maxPositionals: 2 })).toEqual({ ok: true, options: {}, positionals: ['a', '--port'] });
  });

  it('formats aligned usage lines', () => {
    const lines = formatOptions(specs);
    expect(lines[0]).toMatch(/^ {6}--port N +port$/);
    expect(lines[3]).toMatch(/^ {2}-h, --help +help$/);
    const column = lines.map((l, i) => l.lastIndexOf(specs[i]!.description));
    expect(new Set(column).size).toBe(1);
  });
});
