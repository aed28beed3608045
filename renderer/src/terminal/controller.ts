/**
 * One xterm.js terminal attached to one console of the world. Plain TypeScript, created once per
 * tab by TerminalPane; Svelte only passes it preference changes and visibility.
 *
 * xterm pitfalls handled here: never fit a hidden terminal (it would shrink to 2 columns), refit
 * when shown and on every size change, focus explicitly when shown, acknowledge writes so the
 * worker can pause a flood, dispose everything on teardown.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import type { SerializeAddon } from '@xterm/addon-serialize';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { Theme } from '../../../host/contract.js';
import type { Messages } from '../i18n/index.js';
import type { ConsoleChannel, WorldBridge } from '../worker/bridge.js';
import { copyText, openLink, readText } from './clipboard.js';
import { TERMINAL_FONT, TERMINAL_THEMES } from './themes.js';

export interface TerminalHooks {
  messages(): Messages;
  /** Ctrl-Shift-F. */
  find(): void;
  /** Right click or the context-menu key, at viewport coordinates. */
  menu(x: number, y: number): void;
  /** A short transient message for the person (e.g. clipboard refused). */
  notify(text: string): void;
  /** The console ended (true) or a new one started (false). */
  ended(ended: boolean): void;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

// Loaded after the first prompt, or on first use: the first screen appears sooner without them.
const loadSearch = () => import('@xterm/addon-search');
const loadSerialize = () => import('@xterm/addon-serialize');
const loadUnicode11 = () => import('@xterm/addon-unicode11');

export class TerminalController {
  readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private searchAddon: Promise<SearchAddon> | undefined;
  private serializeAddon: Promise<SerializeAddon> | undefined;
  private readonly observer: ResizeObserver;
  private channel: ConsoleChannel | undefined;
  private isEnded = false;
  private frame = 0;
  private disposed = false;
  private firstOutput = false;

  constructor(
    private readonly element: HTMLElement,
    private readonly bridge: WorldBridge,
    options: { fontSize: number; theme: Theme },
    private readonly hooks: TerminalHooks,
  ) {
    this.term = new Terminal({
      fontFamily: TERMINAL_FONT,
      fontSize: options.fontSize,
      lineHeight: 1.15,
      theme: TERMINAL_THEMES[options.theme],
      // Steady: a blink restart on every keystroke schedules a frame, which Chromium then serves before
      // the worker's echo (measured: 9 ms median echo latency with blinking, under 2 ms without).
      cursorBlink: false,
      scrollback: 5000,
      allowProposedApi: true, // the unicode11 addon sets term.unicode.activeVersion
      rightClickSelectsWord: false,
      macOptionIsMeta: true,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)));
    // Wide characters (emoji, CJK) measured as Unicode 11 says; nothing on the first screen needs it yet.
    loadUnicode11()
      .then(({ Unicode11Addon }) => {
        if (this.disposed) return;
        this.term.loadAddon(new Unicode11Addon());
        this.term.unicode.activeVersion = '11';
      })
      .catch(() => {
        // Without it xterm.js measures with Unicode 6 tables: only rare wide characters differ.
      });

    this.term.attachCustomKeyEventHandler((event) => this.onKey(event));
    this.term.onData((data) => this.onData(data));
    this.term.onResize(({ cols, rows }) => this.channel?.resize(cols, rows));

    this.term.open(element);
    element.addEventListener('contextmenu', this.onContextMenu);

    this.observer = new ResizeObserver(() => this.scheduleFit());
    this.observer.observe(element);
    this.fit();
    performance.mark('vlab:terminal'); // user-timing marks locate start-up time (see the UI bench)
    this.startConsole();
  }

  /** The tab became visible: size the terminal to its box (hidden terminals are never fitted). */
  show(): void {
    this.fit();
    this.scheduleFit(); // layout may settle one frame later (fonts, splitter)
  }

  focus(): void {
    this.term.focus();
  }

  setFontSize(px: number): void {
    if (this.term.options.fontSize === px) return;
    this.term.options.fontSize = px;
    this.fit();
  }

  setTheme(theme: Theme): void {
    this.term.options.theme = TERMINAL_THEMES[theme];
  }

  async copy(): Promise<void> {
    const text = this.term.getSelection();
    if (text && !(await copyText(text))) this.hooks.notify(this.hooks.messages()['terminal.clipboardFailed']);
    this.term.focus();
  }

  async paste(): Promise<void> {
    const text = await readText();
    if (text === undefined) this.hooks.notify(this.hooks.messages()['terminal.clipboardFailed']);
    else if (text) this.term.paste(text);
    this.term.focus();
  }

  /** The search addon, loaded on first use (Ctrl-Shift-F). */
  search(): Promise<SearchAddon> {
    this.searchAddon ??= loadSearch().then(({ SearchAddon }) => {
      const addon = new SearchAddon({ highlightLimit: 500 });
      if (!this.disposed) this.term.loadAddon(addon);
      return addon;
    });
    return this.searchAddon;
  }

  /** The screen as escape sequences (tests, a future "save transcript"). */
  async serialize(): Promise<string> {
    this.serializeAddon ??= loadSerialize().then(({ SerializeAddon }) => {
      const addon = new SerializeAddon();
      if (!this.disposed) this.term.loadAddon(addon);
      return addon;
    });
    const addon = await this.serializeAddon;
    return this.disposed ? '' : addon.serialize();
  }

  get hasSelection(): boolean {
    return this.term.hasSelection();
  }

  /** The screen and scrollback as plain text (tests, future "copy all"). */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.observer.disconnect();
    this.element.removeEventListener('contextmenu', this.onContextMenu);
    this.channel?.close();
    this.channel = undefined;
    this.term.dispose(); // disposes the loaded addons too
  }

  private startConsole(): void {
    this.isEnded = false;
    this.hooks.ended(false);
    const channel = this.bridge.open(
      { cols: this.term.cols, rows: this.term.rows },
      {
        output: (data) => {
          if (!this.firstOutput) {
            this.firstOutput = true;
            performance.mark('vlab:first-output');
          }
          this.term.write(data, () => channel.ack(data.length));
        },
        exit: (status) => {
          if (this.channel !== channel) return;
          this.channel = undefined;
          this.isEnded = true;
          this.line(DIM, this.hooks.messages()['terminal.ended'](status));
          this.hooks.ended(true);
        },
        skipped: (characters) => this.line(DIM, this.hooks.messages()['terminal.skipped'](characters)),
        error: (message, fatal) => {
          const m = this.hooks.messages();
          if (fatal) console.error('vlab: the core worker stopped:', message);
          this.line(RED, m['terminal.error'](fatal ? m['terminal.crashed'] : message));
        },
      },
    );
    this.channel = channel;
  }

  /** A line of our own, on a fresh line, styled, not mixed into the program's colours. */
  private line(style: string, text: string): void {
    const atLineStart = this.term.buffer.active.cursorX === 0;
    this.term.write(`${RESET}${atLineStart ? '' : '\r\n'}${style}${text}${RESET}\r\n`);
  }

  private onData(data: string): void {
    if (this.isEnded) {
      if (data === '\r') this.startConsole();
      return;
    }
    this.channel?.input(data);
  }

  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return true;
    const action = { KeyC: () => this.copy(), KeyV: () => this.paste(), KeyF: () => this.hooks.find() }[event.code];
    if (!action) return true;
    // preventDefault too: Chromium would otherwise also fire a native paste (Ctrl-Shift-V).
    event.preventDefault();
    void action();
    return false;
  }

  private readonly onContextMenu = (event: MouseEvent) => {
    event.preventDefault();
    // From the keyboard (context-menu key, Shift-F10) there is no pointer: open at the terminal's corner.
    if (event.clientX === 0 && event.clientY === 0) {
      const box = this.element.getBoundingClientRect();
      this.hooks.menu(box.left + 16, box.top + 16);
    } else this.hooks.menu(event.clientX, event.clientY);
  };

  private scheduleFit(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.fit());
  }

  private fit(): void {
    if (this.disposed) return;
    // A hidden (display: none) or detached terminal has no box: fitting it would shrink it to nothing.
    if (!this.element.isConnected || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    const dims = this.fitAddon.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows) || dims.cols < 2 || dims.rows < 1) return;
    if (dims.cols !== this.term.cols || dims.rows !== this.term.rows) this.term.resize(dims.cols, dims.rows);
  }
}
