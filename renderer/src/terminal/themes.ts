import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../../../host/contract.js';

/** Terminal palettes matched to the UI themes; ANSI colours chosen to stay readable on each background. */
export const TERMINAL_THEMES: Readonly<Record<Theme, ITheme>> = {
  light: {
    background: '#fbfbf9',
    foreground: '#1f2328',
    cursor: '#1f2328',
    cursorAccent: '#fbfbf9',
    selectionBackground: '#b9d3ee',
    selectionInactiveBackground: '#d6e2ee',
    black: '#1f2328',
    red: '#b42318',
    green: '#2d7d2d',
    yellow: '#8a6100',
    blue: '#1d5fa6',
    magenta: '#8e3b9a',
    cyan: '#137a84',
    white: '#6e7781',
    brightBlack: '#57606a',
    brightRed: '#d1242f',
    brightGreen: '#1a7f37',
    brightYellow: '#9a6700',
    brightBlue: '#0969da',
    brightMagenta: '#8250df',
    brightCyan: '#1b7c83',
    brightWhite: '#8c959f',
  },
  dark: {
    background: '#0e1217',
    foreground: '#d7dde5',
    cursor: '#d7dde5',
    cursorAccent: '#0e1217',
    selectionBackground: '#2c4a66',
    selectionInactiveBackground: '#253445',
    black: '#2b313a',
    red: '#f07178',
    green: '#9ccc65',
    yellow: '#e6c07b',
    blue: '#82aaff',
    magenta: '#c792ea',
    cyan: '#89ddff',
    white: '#d7dde5',
    brightBlack: '#6b7686',
    brightRed: '#ff8b92',
    brightGreen: '#b5e08a',
    brightYellow: '#f2d49b',
    brightBlue: '#a5c2ff',
    brightMagenta: '#ddb3f5',
    brightCyan: '#b0ebff',
    brightWhite: '#ffffff',
  },
};

/** Search highlights (the search addon wants #RRGGBB). */
export const SEARCH_COLOURS: Readonly<Record<Theme, { match: string; active: string; ruler: string; activeRuler: string }>> = {
  light: { match: '#fff0b3', active: '#ffc94d', ruler: '#d4a72c', activeRuler: '#bf8700' },
  dark: { match: '#4d4220', active: '#8a6d1c', ruler: '#b08a2a', activeRuler: '#e3b341' },
};

export const TERMINAL_FONT = "'DejaVu Sans Mono', 'Cascadia Mono', Consolas, 'Liberation Mono', Menlo, monospace";
