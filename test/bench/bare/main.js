// The UI bench's anchor: the least a browser terminal can be. xterm.js with the fit addon, the same
// font and theme as vlab's terminals, and local echo in the page (no worker, no emulated world).
// Plain JavaScript: test/ is type-checked without the DOM library.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';

const PROMPT = 'root@scivm-xm4:~# ';
const term = new Terminal({
  fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Consolas, 'Liberation Mono', Menlo, monospace",
  fontSize: 15,
  lineHeight: 1.15,
  cursorBlink: false, // as in vlab's terminals
  theme: { background: '#fbfbf9', foreground: '#1f2328', cursor: '#1f2328' },
});
const fit = new FitAddon();
term.loadAddon(fit);
term.open(document.getElementById('terminal'));
fit.fit();
term.focus();
term.write(PROMPT);

let line = '';
term.onData((data) => {
  for (const ch of data) {
    if (ch === '\r') {
      term.write(line.trim() ? `\r\n${line.trim().split(/\s+/)[0]}: command not found\r\n${PROMPT}` : `\r\n${PROMPT}`);
      line = '';
    } else if (ch === '\x7f') {
      if (line) {
        line = line.slice(0, -1);
        term.write('\b \b');
      }
    } else if (ch >= ' ') {
      line += ch;
      term.write(ch);
    }
  }
});
addEventListener('resize', () => fit.fit());
window.__bareTerm = term;
