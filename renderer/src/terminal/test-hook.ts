/**
 * window.__vlabTest: a read-only window on the terminals for the end-to-end tests and the UI bench
 * (reading xterm's buffer is far more reliable than scraping its DOM rows). It exposes nothing the
 * person at the keyboard cannot already see.
 */
import type { Terminal } from '@xterm/xterm';

export interface TerminalProbe {
  title(): string;
  active(): boolean;
  text(): string;
  serialize(): Promise<string>;
  terminal: Terminal;
}

export interface VlabTestHook {
  terminals(): { title: string; active: boolean; text: string }[];
  /** The visible tab's screen and scrollback as plain text ('' when none). */
  activeText(): string;
  activeSerialized(): Promise<string>;
  activeTerminal(): Terminal | undefined;
  /** Resolves once pending preference changes are saved. */
  flush(): Promise<void>;
}

const probes = new Set<TerminalProbe>();

export function registerProbe(probe: TerminalProbe): () => void {
  probes.add(probe);
  return () => probes.delete(probe);
}

const active = () => [...probes].find((p) => p.active());

export function installTestHook(app: { flush(): Promise<void> }): void {
  const hook: VlabTestHook = {
    terminals: () => [...probes].map((p) => ({ title: p.title(), active: p.active(), text: p.text() })),
    activeText: () => active()?.text() ?? '',
    activeSerialized: async () => (await active()?.serialize()) ?? '',
    activeTerminal: () => active()?.terminal,
    flush: () => app.flush(),
  };
  Object.defineProperty(window, '__vlabTest', { value: Object.freeze(hook), configurable: false });
}
