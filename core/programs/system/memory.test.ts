import { describe, expect, it } from 'vitest';
import { formatFree, formatUptime, formatVmstat, parseStat } from './memory.js';
import { parseMeminfo } from './procinfo.js';

const MEMINFO = `MemTotal:      5177344 kB
MemFree:       4496758 kB
Buffers:        103547 kB
Cached:         414188 kB
SwapCached:          0 kB
HighTotal:     4276224 kB
HighFree:      3696758 kB
LowTotal:       901120 kB
LowFree:        800000 kB
SwapTotal:     2096472 kB
SwapFree:      2096000 kB
`;

describe('free', () => {
  const m = parseMeminfo(MEMINFO);

  it('derives used and swap used', () => {
    expect(m.used).toBe(680586);
    expect(m.swapUsed).toBe(472);
    expect(m.shared).toBe(0);
  });

  it('prints the procps 3.2 table in KiB', () => {
    expect(formatFree(m, { shift: 10, lowHigh: false, old: false, total: false })).toBe(
      '             total       used       free     shared    buffers     cached\n' +
        'Mem:       5177344     680586    4496758          0     103547     414188\n' +
        '-/+ buffers/cache:     162851    5014493\n' +
        'Swap:      2096472        472    2096000\n',
    );
  });

  it('scales to MiB, bytes, adds low/high and totals, drops the buffers line with -o', () => {
    const mb = formatFree(m, { shift: 20, lowHigh: true, old: true, total: true }).split('\n');
    expect(mb[1]).toBe('Mem:          5056        664       4391          0        101        404');
    expect(mb[2]).toBe('Low:           880         98        781');
    expect(mb[3]).toBe('High:         4176        565       3610');
    expect(mb[4]).toBe('Swap:         2047          0       2046');
    expect(mb[5]).toBe('Total:        7103        665       6438');
    expect(formatFree(m, { shift: 0, lowHigh: false, old: false, total: false }).split('\n')[1]).toBe(
      'Mem:    5301600256  696920064 4604680192          0  106032128  424128512',
    );
  });
});

describe('uptime', () => {
  const at = { hour: 9, minute: 14, second: 2 };
  it.each([
    [0, 0, ' 09:14:02 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00'],
    [8700, 1, ' 09:14:02 up  2:25,  1 user,  load average: 0.00, 0.00, 0.00'],
    [59 * 60, 2, ' 09:14:02 up 59 min,  2 users,  load average: 0.00, 0.00, 0.00'],
    [86400 + 600, 1, ' 09:14:02 up 1 day, 10 min,  1 user,  load average: 0.00, 0.00, 0.00'],
    [3 * 86400 + 3600 * 5 + 60, 1, ' 09:14:02 up 3 days,  5:01,  1 user,  load average: 0.00, 0.00, 0.00'],
  ])('%d s up, %d users', (up, users, text) => {
    expect(formatUptime(at, up, users, [0, 0, 0])).toBe(text);
  });

  it('prints load averages with two decimals', () => {
    expect(formatUptime(at, 60, 1, [0.5, 1.25, 10])).toMatch(/load average: 0\.50, 1\.25, 10\.00$/);
  });
});

describe('vmstat', () => {
  it('prints averages since boot on the first line', () => {
    const stat = parseStat('cpu  20 0 10 970 0 0 0\nctxt 500\nprocs_running 1\nprocs_blocked 0\n');
    const zero = parseStat('');
    const line = formatVmstat(zero, stat, parseMeminfo(MEMINFO), 100);
    expect(line).toBe(' 1  0    472 4496758 103547 414188    0    0     0     0  100     5  2  1 97  0\n');
  });
});
