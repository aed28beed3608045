/**
 * Worker-side flow control for one console's output.
 *
 * The worker forwards output to the UI and counts what the UI has not yet acknowledged (the UI acks
 * after xterm's write callback, i.e. once parsed). Above the high watermark it stops forwarding and
 * buffers; once acks bring the count down to the low watermark it resumes. Acks are passed on to the
 * core (session.acknowledge) so the emulated program itself is throttled like on a real tty. If the
 * core keeps producing anyway, the buffer is bounded: the oldest output is dropped and the UI is told
 * how much, so memory stays bounded and the screen says what happened.
 */

export interface FlowOptions {
  /** Stop forwarding when this many characters are unacknowledged. */
  highWatermark: number;
  /** Resume forwarding when acknowledgements bring the count down to this. */
  lowWatermark: number;
  /** Largest single message to the UI. */
  maxChunk: number;
  /** Largest backlog kept in the worker; older output beyond it is dropped. */
  maxBuffered: number;
  /**
   * Least time between two messages while output keeps coming. Output after a quiet spell (the echo
   * of a keystroke) goes at once; a flood goes in a few large messages a frame rather than
   * thousands of small ones, which would keep the UI thread from drawing.
   */
  minIntervalMs: number;
}

export const DEFAULT_FLOW: FlowOptions = {
  highWatermark: 128 * 1024,
  lowWatermark: 32 * 1024,
  maxChunk: 32 * 1024,
  maxBuffered: 4 * 1024 * 1024,
  minIntervalMs: 4,
};

/** Runs `task` after the current task (delayMs 0) or after delayMs. */
export type FlowScheduler = (task: () => void, delayMs: number) => void;

export interface FlowSink {
  send(data: string): void;
  /** Characters dropped since the last send; called just before the next send. */
  skipped(characters: number): void;
  /** Characters the core may consider consumed (rendered or dropped). */
  acknowledgeCore(characters: number): void;
}

export class OutputFlow {
  private unacked = 0;
  private queue: string[] = [];
  private queued = 0;
  private dropped = 0;
  private paused = false;
  private scheduled = false;
  private closed = false;
  private lastSend = Number.NEGATIVE_INFINITY;
  /** Held output is queued but not sent (a console opened ahead of time, before the UI asks for it). */
  private held = false;
  private drained: (() => void)[] = [];
  private readonly options: FlowOptions;

  constructor(
    private readonly sink: FlowSink,
    options: Partial<FlowOptions> = {},
    /**
     * When to forward queued output. Not a microtask: the core is asynchronous, so a microtask would
     * run at its first await and send every small write on its own. After the current task, the
     * writes of a whole turn of the core go together.
     */
    private readonly schedule: FlowScheduler = (task, delayMs) => setTimeout(task, delayMs),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.options = { ...DEFAULT_FLOW, ...options };
    if (this.options.lowWatermark > this.options.highWatermark) throw new Error('lowWatermark must not exceed highWatermark');
  }

  /** Queue output without sending it until release(). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.pump();
  }

  /** Calls `done` once everything queued so far has been sent (at once when nothing is queued). */
  whenSent(done: () => void): void {
    if (this.queued === 0 || this.closed) done();
    else this.drained.push(done);
  }

  /** Output from the core. */
  push(data: string): void {
    if (this.closed || data.length === 0) return;
    this.queue.push(data);
    this.queued += data.length;
    this.trim();
    if (!this.scheduled && !this.paused && !this.held) {
      this.scheduled = true;
      const wait = Math.max(0, this.lastSend + this.options.minIntervalMs - this.now());
      this.schedule(() => {
        this.scheduled = false;
        this.pump();
      }, wait);
    }
  }

  /** The UI rendered this many characters. */
  ack(characters: number): void {
    if (this.closed) return;
    const n = Math.min(Math.max(0, Math.floor(characters) || 0), this.unacked);
    if (n === 0) return;
    this.unacked -= n;
    this.sink.acknowledgeCore(n);
    if (this.paused && this.unacked <= this.options.lowWatermark) {
      this.paused = false;
      this.pump();
    }
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.queued = 0;
    this.drained = [];
  }

  get state(): { unacknowledged: number; buffered: number; paused: boolean; held: boolean; dropped: number } {
    return { unacknowledged: this.unacked, buffered: this.queued, paused: this.paused, held: this.held, dropped: this.dropped };
  }

  private pump(): void {
    while (!this.paused && !this.closed && !this.held && this.queued > 0) {
      const chunk = this.take(this.options.maxChunk);
      if (this.dropped > 0) {
        this.sink.skipped(this.dropped);
        this.dropped = 0;
      }
      this.unacked += chunk.length;
      this.lastSend = this.now();
      this.sink.send(chunk);
      if (this.unacked >= this.options.highWatermark) this.paused = true;
    }
    if (this.queued === 0 && this.drained.length > 0) for (const done of this.drained.splice(0)) done();
  }

  /** Up to `max` characters from the front of the queue, never splitting a surrogate pair. */
  private take(max: number): string {
    let out = '';
    while (this.queue.length > 0 && out.length < max) {
      const head = this.queue[0]!;
      const room = max - out.length;
      if (head.length <= room) {
        out += head;
        this.queue.shift();
      } else {
        let cut = room;
        if (isHighSurrogate(head.charCodeAt(cut - 1))) cut -= 1;
        if (cut === 0) {
          if (out.length > 0) break;
          cut = Math.min(2, head.length); // a lone pair bigger than max: send it whole
        }
        out += head.slice(0, cut);
        this.queue[0] = head.slice(cut);
      }
    }
    this.queued -= out.length;
    return out;
  }

  /** Drop the oldest backlog beyond maxBuffered; the core may count it as consumed. */
  private trim(): void {
    let excess = this.queued - this.options.maxBuffered;
    if (excess <= 0) return;
    let dropped = 0;
    while (excess > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.length <= excess) {
        this.queue.shift();
        excess -= head.length;
        dropped += head.length;
      } else {
        let cut = excess;
        if (isLowSurrogate(head.charCodeAt(cut))) cut += 1;
        this.queue[0] = head.slice(cut);
        dropped += cut;
        excess = 0;
      }
    }
    this.queued -= dropped;
    this.dropped += dropped;
    this.sink.acknowledgeCore(dropped);
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
