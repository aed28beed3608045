/**
 * The simulated clock. Time only moves when the host says so (advance) or, in script mode,
 * when every task waits on a timer: nothing in core reads the real time.
 */

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

export interface TimerHandle {
  cancel(): void;
}

/** 30 May 2006 07:00:00 UTC (09:00 in Strasbourg), the morning of the lecture: the time at boot. */
export const DEFAULT_BOOT_EPOCH_SECONDS = 1148972400;

export class SimClock {
  /** Milliseconds since boot. */
  private nowMs = 0;
  private seq = 0;
  private timers: Timer[] = []; // kept sorted by (at, seq); counts are small

  constructor(readonly bootEpochSeconds = DEFAULT_BOOT_EPOCH_SECONDS) {}

  /** Milliseconds since boot (the source of uptime). */
  get uptimeMs(): number {
    return this.nowMs;
  }

  /** Wall-clock seconds since the Unix epoch (fractional). */
  get epochSeconds(): number {
    return this.bootEpochSeconds + this.nowMs / 1000;
  }

  /** Wall-clock time may be set (date -s); uptime does not move. */
  setEpochSeconds(seconds: number): void {
    (this as { bootEpochSeconds: number }).bootEpochSeconds = seconds - this.nowMs / 1000;
  }

  after(ms: number, fire: () => void): TimerHandle {
    const timer: Timer = { at: this.nowMs + Math.max(0, ms), seq: this.seq++, fire, cancelled: false };
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const idx = this.timers.indexOf(timer);
        if (idx >= 0) this.timers.splice(idx, 1);
      },
    };
  }

  /** When the next timer is due, or undefined when none is pending. */
  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  hasTimers(): boolean {
    return this.timers.length > 0;
  }

  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.nowMs + Math.max(0, ms);
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fire();
    }
    this.nowMs = target;
  }

  /** Jump to the next timer and fire it (script mode: nothing else can happen before it). */
  advanceToNextTimer(): boolean {
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    this.advance(at - this.nowMs);
    return true;
  }

  snapshot(): { nowMs: number; bootEpochSeconds: number } {
    return { nowMs: this.nowMs, bootEpochSeconds: this.bootEpochSeconds };
  }

  /** Put time back and drop every pending timer (their tasks are gone after a restore). */
  restore(s: { nowMs: number; bootEpochSeconds: number }): void {
    for (const t of this.timers) t.cancelled = true;
    this.timers = [];
    this.nowMs = s.nowMs;
    (this as { bootEpochSeconds: number }).bootEpochSeconds = s.bootEpochSeconds;
  }
}
