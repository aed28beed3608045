// Whatever is typed, the screen shows bash-like errors, never a JavaScript exception, and the
// shell still answers afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

const FORBIDDEN = [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /TypeError|ReferenceError|RangeError|SyntaxError:/, /\n\s+at .+\(.+:\d+:\d+\)/, /internal error/];

/** Printable shell-ish text and control keys, but not Ctrl-D (it would log out) nor Ctrl-Z. */
const keystrokes = fc.array(
  fc.oneof(
    fc.constantFrom('echo ', '$(', ')', '`', '"', "'", '\\', '|', '&', ';', '>', '<', '<<', '{', '}', '(', '[[ ', ' ]]', '$((', '))', '${', '*', '?', '!', '~', '#', 'if ', 'then ', 'fi', 'for ', 'do ', 'done', 'case ', 'esac', ' ', '\t', '\r', '\x03', '\x7f', '\x1b[A', '\x1b[D', '\x15', '\x17'),
    fc.string({ maxLength: 6 }),
  ),
  { maxLength: 25 },
);

describe('bad input at the prompt', () => {
  it('never shows a JavaScript error, and the shell keeps answering', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await fc.assert(
      fc.asyncProperty(keystrokes, async (keys) => {
        t.take();
        await t.type(keys.join(''));
        // End whatever was started: Ctrl-C, then a command that must answer.
        await t.type('\x03');
        await t.type('echo alive-$((40 + 2))\r');
        const screen = t.take();
        for (const pattern of FORBIDDEN) expect(screen).not.toMatch(pattern);
        expect(screen).toContain('alive-42');
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
