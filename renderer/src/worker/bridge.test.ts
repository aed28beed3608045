import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleSession, World } from '../../../core/api.js';
import { bootWorld } from '../../../core/index.js';
import { WorldBridge, type ConsoleEvents, type WorkerLike } from './bridge.js';
import type { UiMessage, WorkerMessage } from './protocol.js';
import { WorldServer, type BootWorld } from './world-server.js';

/** A Worker stand-in that runs a WorldServer in this thread, with postMessage's asynchrony. */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly server: WorldServer;
  readonly fromUi: UiMessage[] = [];
  terminated = false;
  constructor(boot: BootWorld, flow?: ConstructorParameters<typeof WorldServer>[2]) {
    this.server = new WorldServer(
      (m) => setTimeout(() => this.onmessage?.({ data: structuredClone(m) } as MessageEvent<WorkerMessage>)),
      boot,
      flow,
    );
  }
  postMessage(message: UiMessage): void {
    this.fromUi.push(message);
    setTimeout(() => this.server.handle(structuredClone(message)));
  }
  terminate(): void {
    this.terminated = true;
    this.server.dispose();
  }
}

function recorder() {
  const r = { out: '', exits: [] as number[], errors: [] as [string, boolean][], skipped: 0 };
  const events: ConsoleEvents = {
    output: (d) => (r.out += d),
    exit: (s) => r.exits.push(s),
    skipped: (n) => (r.skipped += n),
    error: (m, f) => r.errors.push([m, f]),
  };
  return { r, events };
}

const until = async (cond: () => boolean, ms = 2000) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((res) => setTimeout(res, 1));
  }
};

let bridges: WorldBridge[] = [];
afterEach(() => {
  for (const b of bridges) b.dispose();
  bridges = [];
});

function makeBridge(boot: BootWorld = bootWorld, options?: ConstructorParameters<typeof WorldServer>[2]) {
  let worker!: InProcessWorker;
  const bridge = new WorldBridge('vserver-host', () => (worker = new InProcessWorker(boot, options)));
  bridges.push(bridge);
  return { bridge, worker };
}

describe('WorldBridge + WorldServer', () => {
  it('boots the world, opens a console, and echoes a command', async () => {
    const { bridge } = makeBridge();
    const { r, events } = recorder();
    const channel = bridge.open({ cols: 80, rows: 24 }, events);
    await until(() => r.out.includes('# '));
    channel.input('echo hello\r');
    await until(() => r.out.includes('hello\r\n'));
    expect(bridge.info?.machines.length).toBeGreaterThan(0);
    expect(r.errors).toEqual([]);
  });

  it('gives each tab its own console on the same world', async () => {
    const { bridge, worker } = makeBridge();
    const a = recorder();
    const b = recorder();
    const ca = bridge.open({ cols: 80, rows: 24 }, a.events);
    const cb = bridge.open({ cols: 80, rows: 24 }, b.events);
    expect(ca.id).not.toBe(cb.id);
    await until(() => a.r.out.includes('# ') && b.r.out.includes('# '));
    cb.input('echo two\r');
    await until(() => b.r.out.includes('two\r\n'));
    expect(a.r.out).not.toContain('two');
    expect(worker.fromUi.filter((m) => m.type === 'boot')).toHaveLength(1);
  });

  it('reports a failed boot as one readable line', async () => {
    const { bridge } = makeBridge(() => {
      throw new Error('unknown world preset: nowhere');
    });
    const { r, events } = recorder();
    bridge.open({ cols: 80, rows: 24 }, events);
    await until(() => r.errors.length > 0);
    expect(r.errors[0]).toEqual(['unknown world preset: nowhere', false]);
  });

  it('turns a throwing console into a message for that console only', async () => {
    const world = fakeWorld((session) => {
      session.input = () => {
        throw { weird: true };
      };
    });
    const { bridge } = makeBridge(() => world);
    const { r, events } = recorder();
    const channel = bridge.open({ cols: 80, rows: 24 }, events);
    channel.input('x');
    await until(() => r.errors.length > 0);
    expect(r.errors[0]).toEqual(['{"weird":true}', false]);
  });

  it('a crashed worker is said on every open console, once', async () => {
    const { bridge, worker } = makeBridge();
    const a = recorder();
    bridge.open({ cols: 80, rows: 24 }, a.events);
    worker.onerror?.({ message: 'Uncaught RangeError: too much recursion', preventDefault() {} } as ErrorEvent);
    worker.onerror?.({ message: 'again', preventDefault() {} } as ErrorEvent);
    expect(a.r.errors).toEqual([['Uncaught RangeError: too much recursion', true]]);
    const late = recorder();
    bridge.open({ cols: 80, rows: 24 }, late.events);
    await until(() => late.r.errors.length > 0);
    expect(late.r.errors[0]![1]).toBe(true);
  });

  it('stops forwarding a flood until the screen acknowledges, and passes acks to the core', async () => {
    let acknowledged = 0;
    let emit!: (d: string) => void;
    const world = fakeWorld((session, out) => {
      emit = out;
      session.acknowledge = (n) => (acknowledged += n);
    });
    const { bridge } = makeBridge(() => world, { flow: { highWatermark: 1000, lowWatermark: 100, maxChunk: 500 } });
    const { r, events } = recorder();
    const channel = bridge.open({ cols: 80, rows: 24 }, events);
    await until(() => emit !== undefined);
    emit('y\n'.repeat(5000)); // 10 000 characters at once
    await until(() => r.out.length >= 1000);
    await new Promise((res) => setTimeout(res, 20));
    expect(r.out.length).toBe(1000); // held back at the high watermark
    channel.ack(950);
    await until(() => r.out.length >= 1950);
    expect(acknowledged).toBe(950);
    for (let i = 0; i < 20 && r.out.length < 10_000; i++) {
      channel.ack(100_000);
      await new Promise((res) => setTimeout(res, 5));
    }
    expect(r.out).toBe('y\n'.repeat(5000));
    channel.ack(100_000);
    await until(() => acknowledged === 10_000);
  });

  it('tells the UI when a console exits, after its last output', async () => {
    const { bridge } = makeBridge();
    const { r, events } = recorder();
    const channel = bridge.open({ cols: 80, rows: 24 }, events);
    await until(() => r.out.includes('# '));
    channel.input('\x04');
    await until(() => r.exits.length > 0);
    expect(r.exits).toEqual([0]);
  });

  it('terminates the worker on dispose', () => {
    const { bridge, worker } = makeBridge();
    bridge.dispose();
    expect(worker.terminated).toBe(true);
  });
});

/** A one-machine world whose console is shaped by `tweak`. */
function fakeWorld(tweak: (session: ConsoleSession, emit: (d: string) => void) => void): World {
  return {
    info: { preset: 'fake', machines: ['m'] },
    advanceTime() {},
    async settle() {},
    openConsole() {
      const outs = new Set<(d: string) => void>();
      const session: ConsoleSession = {
        id: 1,
        host: 'm',
        input() {},
        resize() {},
        onOutput: (l) => (outs.add(l), () => outs.delete(l)),
        onExit: () => () => {},
        acknowledge() {},
        close() {},
      };
      tweak(session, (d) => outs.forEach((l) => l(d)));
      return session;
    },
  };
}
