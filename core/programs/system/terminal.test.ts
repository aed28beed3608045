import { describe, expect, it } from 'vitest';
import { decodeKeys } from './terminal.js';

describe('decodeKeys', () => {
  it('splits characters, controls and escape sequences', () => {
    expect(decodeKeys('a\x1b[A\x1bOB\x1b[5~\x1b[3~\x0f\x1b')).toEqual([
      { kind: 'char', ch: 'a' },
      { kind: 'up' },
      { kind: 'down' },
      { kind: 'pageup' },
      { kind: 'delete' },
      { kind: 'char', ch: '\x0f' },
      { kind: 'escape' },
    ]);
  });

  it('drops unknown CSI sequences and keeps non-ASCII characters whole', () => {
    expect(decodeKeys('\x1b[1;5Cé')).toEqual([{ kind: 'char', ch: 'é' }]);
    expect(decodeKeys('\x1b[H\x1b[F\x1b[1~\x1b[4~').map((k) => k.kind)).toEqual(['home', 'end', 'home', 'end']);
  });
});

import { watchScreen } from './watch.js';

describe('watchScreen', () => {
  it('puts the title left and the time right, then the output, wrapped', () => {
    const rows = watchScreen('a\tb\n' + 'x'.repeat(25) + '\n\nend', { header: 'Every 2.0s: date', time: 'Tue May 30 09:14:02 2006', width: 40, height: 7 });
    expect(rows).toEqual([
      // too long for 40 columns: "...  " at width - 25 - 4, the time at width - 25 + 1
      'Every 2.0s:...  Tue May 30 09:14:02 2006',
      ' '.repeat(40),
      'a       b'.padEnd(40),
      'x'.repeat(25).padEnd(40),
      ' '.repeat(40),
      'end'.padEnd(40),
      ' '.repeat(40),
    ]);
  });

  it('fits title and time on 80 columns', () => {
    const [title] = watchScreen('', { header: 'Every 2.0s: vserver-stat', time: 'Tue May 30 09:14:02 2006', width: 80, height: 3 });
    expect(title).toBe('Every 2.0s: vserver-stat'.padEnd(56) + 'Tue May 30 09:14:02 2006');
  });

  it('does not leave an empty row after a line that fills the width', () => {
    const rows = watchScreen('x'.repeat(10) + '\ny\n', { width: 10, height: 3 });
    expect(rows).toEqual(['x'.repeat(10), 'y'.padEnd(10), ' '.repeat(10)]);
  });
});
