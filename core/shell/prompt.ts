/** PS1/PS2 decoding: \u \h \H \w \W \$ \n \t \d \s \v \V \\ \[ \] \e, as bash 3 does it. */

export interface PromptContext {
  user: string;
  uid: number;
  hostname: string;
  cwd: string;
  home: string | undefined;
  /** Simulated wall-clock seconds. */
  now: number;
  shellName: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function tildeAbbreviate(cwd: string, home: string | undefined): string {
  if (home && home !== '/' && (cwd === home || cwd.startsWith(home + '/'))) return '~' + cwd.slice(home.length);
  return cwd;
}

export function decodePrompt(ps: string, c: PromptContext): string {
  const d = new Date(Math.floor(c.now) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return ps.replace(/\\(.)/g, (_m, ch: string) => {
    switch (ch) {
      case 'u':
        return c.user;
      case 'h':
        return c.hostname.split('.')[0]!;
      case 'H':
        return c.hostname;
      case 'w':
        return tildeAbbreviate(c.cwd, c.home);
      case 'W': {
        const t = tildeAbbreviate(c.cwd, c.home);
        return t === '/' ? '/' : t === '~' ? '~' : t.split('/').pop()!;
      }
      case '$':
        return c.uid === 0 ? '#' : '$';
      case 'n':
        return '\n';
      case 't':
        return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
      case 'd':
        return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}`;
      case 's':
        return c.shellName;
      case 'v':
        return '3.00';
      case 'V':
        return '3.00.15';
      case 'e':
        return '\x1b';
      case 'a':
        return '\x07';
      case '[':
      case ']':
        return '';
      case '\\':
        return '\\';
      default:
        return '\\' + ch;
    }
  });
}
