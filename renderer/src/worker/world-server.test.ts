import { afterEach, describe, expect, it, vi } from 'vitest';
import type { World } from '../../../core/api.js';
import type { WorkerMessage } from './protocol.js';
import { WorldServer } from './world-server.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A world whose consoles print a prompt at once and can be told to exit. */
function promptWorld() {
  const sessions: { sizes: [number, number][]; exit: (status: number) => void; emit: (d: string) => void }[] = [];
  const w: World = {
    info: { preset: 'p', machines: ['m'] },
    advanceTime() {},
    async settle() {},
    openConsole(options) {
      const outs = new Set<(d: string) => void>();
      const exits = new Set<(s: number) => void>();
      const record = {
        sizes: [[options.cols, options.rows]] as [number, number][],
        exit: (status: number) => exits.forEach((l) => l(status)),
        emit: (d: string) => outs.forEach((l) => l(d)),
      };
      sessions.push(record);
      queueMicrotask(() => record.emit('# '));
      return {
        id: sessions.length,
        host: 'm',
        input() {},
        resize: (c, r) => void record.sizes.push([c, r]),
        onOutput: (l) => (outs.add(l), () => outs.delete(l)),
        onExit: (l) => (exits.add(l), () => exits.delete(l)),
        acknowledge() {},
        close() {},
      };
    },
  };
  return { w, sessions };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function world(advance: (ms: number) => void): World {
  return {
    info: { preset: 'p', machines: ['m'] },
    advanceTime: advance,
    async settle() {},
    openConsole() {
      throw new Error('no consoles here');
    },
  };
}

describe('WorldServer', () => {
  it('advances simulated time by the real time elapsed, from a timer', () => {
    vi.useFakeTimers();
    let now = 1000;
    const advanced: number[] = [];
    const server = new WorldServer(() => {}, () => world((ms) => advanced.push(ms)), { tickMs: 50, now: () => now });
    server.handle({ type: 'boot', preset: 'p' });
    now += 50;
    vi.advanceTimersByTime(50);
    now += 70; // a late tick passes the real elapsed time
    vi.advanceTimersByTime(50);
    expect(advanced).toEqual([50, 70]);
    server.dispose();
  });

  it('says a failing clock once, not twenty times a second', () => {
    vi.useFakeTimers();
    const posted: WorkerMessage[] = [];
    const server = new WorldServer((m) => posted.push(m), () =>
      world(() => {
        throw new RangeError('clock went backwards');
      }),
    );
    server.handle({ type: 'boot', preset: 'p' });
    vi.advanceTimersByTime(1000);
    expect(posted.filter((m) => m.type === 'error')).toEqual([{ type: 'error', message: 'clock went backwards' }]);
    server.dispose();
  });

  it('answers requests for unknown consoles quietly and refuses to boot twice', () => {
    const posted: WorkerMessage[] = [];
    const server = new WorldServer((m) => posted.push(m), () => world(() => {}));
    server.handle({ type: 'input', console: 9, data: 'x' });
    server.handle({ type: 'boot', preset: 'p' });
    server.handle({ type: 'boot', preset: 'p' });
    server.handle({ type: 'open', console: 1, cols: 80, rows: 24 });
    expect(posted).toEqual([
      { type: 'ready', info: { preset: 'p', machines: ['m'] } },
      { type: 'error', message: 'the world is already running' },
      { type: 'error', console: 1, message: 'no consoles here' },
    ]);
    server.dispose();
  });

  it('opens the first console ahead of time and hands it to the UI’s first open', async () => {
    const { w, sessions } = promptWorld();
    const posted: WorkerMessage[] = [];
    const server = new WorldServer((m) => posted.push(m), () => w);
    server.handle({ type: 'boot', preset: 'p' });
    server.preopenConsole();
    await settle();
    expect(sessions).toHaveLength(1);
    expect(posted.filter((m) => m.type === 'output')).toEqual([]); // held: nobody asked yet

    server.handle({ type: 'open', console: 7, cols: 120, rows: 40 });
    await settle();
    expect(sessions).toHaveLength(1); // adopted, not a second console
    expect(sessions[0]!.sizes).toEqual([
      [80, 24],
      [120, 40],
    ]);
    expect(posted.filter((m) => m.type === 'output')).toEqual([{ type: 'output', console: 7, data: '# ' }]);

    server.handle({ type: 'open', console: 8, cols: 80, rows: 24 });
    await settle();
    expect(sessions).toHaveLength(2);
    server.dispose();
  });

  it('says a console exited only after its last output', async () => {
    const { w, sessions } = promptWorld();
    const posted: WorkerMessage[] = [];
    const server = new WorldServer((m) => posted.push(m), () => w);
    server.handle({ type: 'boot', preset: 'p' });
    server.handle({ type: 'open', console: 1, cols: 80, rows: 24 });
    await settle();
    sessions[0]!.emit('logout\r\n');
    sessions[0]!.exit(0);
    await settle();
    const tail = posted.slice(-2);
    expect(tail).toEqual([
      { type: 'output', console: 1, data: 'logout\r\n' },
      { type: 'exit', console: 1, status: 0 },
    ]);
    server.dispose();
  });
});
