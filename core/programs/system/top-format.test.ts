import { describe, expect, it } from 'vitest';
import { columnHeader, commandWidth, cpuLine, helpScreen, memLines, parseCpuLines, scaleNum, scaleTics, taskRow, tasksLine } from './top-format.js';

describe('top summary lines', () => {
  it('formats the task counts', () => {
    expect(tasksLine({ total: 40, running: 1, sleeping: 39, stopped: 0, zombie: 0 })).toBe(
      'Tasks:  40 total,   1 running,  39 sleeping,   0 stopped,   0 zombie',
    );
  });

  it('formats CPU states of an interval, seven states on a 2.6 kernel', () => {
    const before = { u: 0, n: 0, s: 0, i: 0, w: 0, x: 0, y: 0 };
    const now = { u: 3, n: 0, s: 0, i: 997, w: 0, x: 0, y: 0 };
    expect(cpuLine('Cpu(s):', now, before)).toBe('Cpu(s):  0.3% us,  0.0% sy,  0.0% ni, 99.7% id,  0.0% wa,  0.0% hi,  0.0% si');
    expect(cpuLine('Cpu(s):', before, before)).toBe('Cpu(s):  0.0% us,  0.0% sy,  0.0% ni,  0.0% id,  0.0% wa,  0.0% hi,  0.0% si');
    expect(cpuLine('Cpu(s):', { ...before, i: 100 }, before)).toContain('100.0% id');
  });

  it('reads /proc/stat cpu lines', () => {
    const cpus = parseCpuLines('cpu  10 1 5 100 2 0 0\ncpu0 5 0 2 50 1 0 0\ncpu1 5 1 3 50 1 0 0\nctxt 0\n');
    expect(cpus).toHaveLength(3);
    expect(cpus[0]).toEqual({ u: 10, n: 1, s: 5, i: 100, w: 2, x: 0, y: 0 });
  });

  it('formats memory in KiB with a k', () => {
    const [mem, swap] = memLines({ total: 5177344, used: 680586, free: 4496758, buffers: 103547, cached: 414188, swapTotal: 2096472, swapUsed: 0, swapFree: 2096472 });
    expect(mem).toBe('Mem:   5177344k total,   680586k used,  4496758k free,   103547k buffers');
    expect(swap).toBe('Swap:  2096472k total,        0k used,  2096472k free,   414188k cached');
  });
});

describe('top columns', () => {
  it.each([
    [4604, 5, '4604'],
    [121848, 5, '118m'],
    [19240, 4, '18m'],
    [8560, 4, '8560'],
    [10240, 4, '10m'],
    [20480, 4, '20m'],
    [2048, 3, '2m'],
  ])('scale_num(%d, %d) = %s', (kb, width, text) => {
    expect(scaleNum(kb, width)).toBe(text);
  });

  it.each([
    [0, '0:00.00'],
    [1230, '0:01.23'],
    [61000, '1:01.00'],
    [36000000, '600:00.00'],
    [6000000000, '100000:00'],
    [60000000000, '16666,40'],
  ])('scale_tics(%d ms) = %s', (ms, text) => {
    expect(scaleTics(ms, 9)).toBe(text);
  });

  it('fills an 80-column screen exactly', () => {
    expect(commandWidth(80)).toBe(19);
    const header = columnHeader(80);
    expect(header).toHaveLength(80);
    expect(header.trimEnd()).toBe('  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND');
    const row = taskRow({ pid: 4400, user: 'root', pr: 15, ni: 0, virtKb: 4604, resKb: 1456, shrKb: 728, state: 'S', cpu: 0, mem: 0.028, timeMs: 370, command: 'bash' }, 80);
    expect(row).toHaveLength(80);
    expect(row.trimEnd()).toBe(' 4400 root      15   0  4604 1456  728 S  0.0  0.0   0:00.37 bash');
  });

  it('caps %CPU at 99.9 and cuts long commands', () => {
    const row = taskRow({ pid: 1, user: 'averylongusername', pr: 34, ni: 19, virtKb: 0, resKb: 0, shrKb: 0, state: 'R', cpu: 150, mem: 0, timeMs: 0, command: 'x'.repeat(50) }, 80);
    expect(row).toContain(' averylon ');
    expect(row).toContain(' 99.9 ');
    expect(row.endsWith('x'.repeat(19))).toBe(true);
  });

  it('has the help screen of procps 3.2.3', () => {
    const h = helpScreen({ delay: 3, cumulative: false, secure: false });
    expect(h.split('\n')[0]).toBe('Help for Interactive Commands - procps version 3.2.3');
    expect(h).toContain('Window 1:Def: Cumulative mode Off.  System: Delay 3.0 secs; Secure mode Off.');
    expect(h).toContain("  k,r       Manipulate tasks: 'k' kill; 'r' renice");
    expect(helpScreen({ delay: 3, cumulative: false, secure: true })).not.toContain('Manipulate tasks');
  });
});
