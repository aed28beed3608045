/**
 * Golden transcripts: each folder holds `input.txt` (lines typed at the prompt, `^C`-style control
 * keys written as `<C-c>`) and `expected.txt` (the screen afterwards, as xterm.js renders it).
 * UPDATE_GOLDEN=1 rewrites the expected screens after a deliberate change.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';
import { renderScreen } from './screen.js';

const here = __dirname;
const folders = readdirSync(here).filter((f) => statSync(join(here, f)).isDirectory()).sort();

/** `<C-c>` → \x03, `<Tab>` → \t, `<Up>` → ESC [ A … */
export function decodeKeys(line: string): string {
  return line
    .replace(/<C-([a-z])>/g, (_m, c: string) => String.fromCharCode(c.charCodeAt(0) - 96))
    .replace(/<Tab>/g, '\t')
    .replace(/<Up>/g, '\x1b[A')
    .replace(/<Down>/g, '\x1b[B')
    .replace(/<Left>/g, '\x1b[D')
    .replace(/<Right>/g, '\x1b[C')
    .replace(/<BS>/g, '\x7f');
}

describe('golden transcripts', () => {
  it.each(folders)('%s', async (folder) => {
    const input = readFileSync(join(here, folder, 'input.txt'), 'utf8');
    const world = await bootTestWorld(existsSync(join(here, folder, 'world')) ? readFileSync(join(here, folder, 'world'), 'utf8').trim() : 'vserver-host');
    const t = await world.terminal();
    for (const line of input.replace(/\n$/, '').split('\n')) {
      // A line ending in a control key is typed without Enter.
      const keys = decodeKeys(line);
      await t.type(/<C-[a-z]>$|<Tab>$/.test(line) ? keys : keys + '\r');
    }
    const screen = await renderScreen(t.output);
    const expectedFile = join(here, folder, 'expected.txt');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, screen);
    expect(screen).toBe(readFileSync(expectedFile, 'utf8'));
  });
});
