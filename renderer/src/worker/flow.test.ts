import { describe, expect, it } from 'vitest';
import { OutputFlow, type FlowOptions } from './flow.js';

function harness(options: Partial<FlowOptions> = {}) {
  const sent: string[] = [];
  const skipped: number[] = [];
  let coreAcked = 0;
  const flow = new OutputFlow(
    {
      send: (d) => sent.push(d),
      skipped: (n) => skipped.push(n),
      acknowledgeCore: (n) => (coreAcked += n),
    },
    options,
    (task) => task(), // forward synchronously: the tests read the result at once
    () => 0,
  );
  return { flow, sent, skipped, coreAcked: () => coreAcked, sentChars: () => sent.join('').length };
}

describe('OutputFlow', () => {
  it('forwards output at once while under the high watermark', () => {
    const h = harness({ highWatermark: 100, lowWatermark: 20 });
    h.flow.push('hello');
    expect(h.sent).toEqual(['hello']);
    expect(h.flow.state).toMatchObject({ unacknowledged: 5, buffered: 0, paused: false });
  });

  it('stops forwarding at the high watermark and resumes at the low one', () => {
    const h = harness({ highWatermark: 100, lowWatermark: 20, maxChunk: 50 });
    h.flow.push('a'.repeat(250));
    // Two chunks of 50 reach the watermark; the rest waits.
    expect(h.sent.map((s) => s.length)).toEqual([50, 50]);
    expect(h.flow.state).toMatchObject({ unacknowledged: 100, buffered: 150, paused: true });

    h.flow.push('b'.repeat(10));
    expect(h.sent.length).toBe(2);

    h.flow.ack(50); // 50 left unacknowledged: still above the low watermark
    expect(h.sent.length).toBe(2);
    expect(h.coreAcked()).toBe(50);

    h.flow.ack(30); // 20 left: resume, and forward until the high watermark again
    expect(h.flow.state.paused).toBe(true);
    expect(h.flow.state.unacknowledged).toBe(120);
    expect(h.coreAcked()).toBe(80);

    h.flow.ack(1000); // acks never exceed what was sent; the last 60 go out
    expect(h.flow.state.unacknowledged).toBe(60);
    expect(h.sentChars()).toBe(260);
    h.flow.ack(60);
    expect(h.flow.state.unacknowledged).toBe(0);
    expect(h.flow.state).toMatchObject({ buffered: 0, paused: false });
    expect(h.coreAcked()).toBe(260);
    expect(h.sent.join('')).toBe('a'.repeat(250) + 'b'.repeat(10));
  });

  it('ignores nonsense acknowledgements', () => {
    const h = harness();
    h.flow.push('abc');
    h.flow.ack(-5);
    h.flow.ack(Number.NaN);
    expect(h.flow.state.unacknowledged).toBe(3);
    expect(h.coreAcked()).toBe(0);
  });

  it('coalesces the writes of one task, even across awaits, into one message', async () => {
    const sent: string[] = [];
    const flow = new OutputFlow({ send: (d) => sent.push(d), skipped: () => {}, acknowledgeCore: () => {} });
    flow.push('r');
    await Promise.resolve(); // the core is asynchronous: its writes are separated by awaits
    flow.push('o');
    await Promise.resolve();
    flow.push('ot');
    expect(sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['root']);
  });

  it('sends at once after a quiet spell, and spaces messages out during a flood', () => {
    let clock = 100;
    const delays: number[] = [];
    const tasks: (() => void)[] = [];
    const sent: string[] = [];
    const flow = new OutputFlow(
      { send: (d) => sent.push(d), skipped: () => {}, acknowledgeCore: () => {} },
      { minIntervalMs: 4 },
      (task, delay) => {
        delays.push(delay);
        tasks.push(task);
      },
      () => clock,
    );
    flow.push('a'); // first output: no wait
    tasks.shift()!();
    clock += 1;
    flow.push('b'); // 1 ms after a send: wait the remaining 3 ms
    flow.push('c');
    tasks.shift()!();
    clock += 50;
    flow.push('d'); // quiet for a while: at once again
    tasks.shift()!();
    expect(delays).toEqual([0, 3, 0]);
    expect(sent).toEqual(['a', 'bc', 'd']);
  });

  it('never splits a surrogate pair across messages', () => {
    const h = harness({ maxChunk: 3, highWatermark: 1000, lowWatermark: 0 });
    h.flow.push('ab😀c😀');
    for (const chunk of h.sent) {
      expect(/[\ud800-\udbff]$/.test(chunk), JSON.stringify(chunk)).toBe(false);
      expect(/^[\udc00-\udfff]/.test(chunk), JSON.stringify(chunk)).toBe(false);
    }
    expect(h.sent.join('')).toBe('ab😀c😀');
  });

  it('bounds the backlog: drops the oldest output, tells the UI, and releases the core', () => {
    const h = harness({ highWatermark: 10, lowWatermark: 0, maxChunk: 10, maxBuffered: 100 });
    h.flow.push('x'.repeat(10)); // sent, now paused
    for (let i = 0; i < 30; i++) h.flow.push(String(i % 10).repeat(10));
    expect(h.flow.state.buffered).toBe(100);
    expect(h.flow.state.dropped).toBe(200);
    expect(h.coreAcked()).toBe(200); // dropped output counts as consumed for the core

    h.flow.ack(10);
    expect(h.skipped).toEqual([200]);
    // The newest output survives.
    expect(h.sent[1]).toBe('0'.repeat(10));
    expect(h.flow.state.dropped).toBe(0);
  });

  it('holds output until released, and says when everything queued has gone out', () => {
    const h = harness({ highWatermark: 10, lowWatermark: 0, maxChunk: 10 });
    h.flow.hold();
    h.flow.push('login: ');
    expect(h.sent).toEqual([]);
    let done = false;
    h.flow.whenSent(() => (done = true));
    expect(done).toBe(false);
    h.flow.release();
    expect(h.sent).toEqual(['login: ']);
    expect(done).toBe(true);

    h.flow.push('0123456789abc'); // 10 go out, 3 wait for acks
    let drained = false;
    h.flow.whenSent(() => (drained = true));
    expect(drained).toBe(false);
    h.flow.ack(17);
    expect(drained).toBe(true);
    expect(h.sent.join('')).toBe('login: 0123456789abc');
  });

  it('forgets everything once closed', () => {
    const h = harness({ highWatermark: 5, lowWatermark: 0 });
    h.flow.push('0123456789');
    h.flow.close();
    h.flow.push('more');
    h.flow.ack(5);
    expect(h.sent.join('')).toBe('0123456789'.slice(0, h.sentChars()));
    expect(h.flow.state.buffered).toBe(0);
  });
});
