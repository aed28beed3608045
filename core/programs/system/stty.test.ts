import { describe, expect, it } from 'vitest';
import { DEFAULT_TERMIOS } from '../../kernel/tty.js';
import { formatAll, formatChanged, formatSave, parseSave } from './stty.js';

describe('stty', () => {
  it('prints -a like coreutils 5.2.1 on a Linux pty', () => {
    expect(formatAll(DEFAULT_TERMIOS, { rows: 24, cols: 80 }, 80)).toBe(
      'speed 38400 baud; rows 24; columns 80; line = 0;\n' +
        'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\n' +
        'eol2 = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R; werase = ^W;\n' +
        'lnext = ^V; flush = ^O; min = 1; time = 0;\n' +
        '-parenb -parodd cs8 -hupcl -cstopb cread -clocal -crtscts\n' +
        '-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff\n' +
        '-iuclc -ixany -imaxbel\n' +
        'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\n' +
        'isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt\n' +
        'echoctl echoke\n',
    );
  });

  it('prints only what differs from sane', () => {
    expect(formatChanged(DEFAULT_TERMIOS, 80)).toBe('speed 38400 baud; line = 0;\n-brkint -imaxbel\n');
    expect(formatChanged({ ...DEFAULT_TERMIOS, echo: false, icanon: false }, 80)).toBe(
      'speed 38400 baud; line = 0;\nmin = 1; time = 0;\n-brkint -imaxbel\n-icanon -echo\n',
    );
  });

  it('saves in the -g form and reads it back', () => {
    expect(formatSave(DEFAULT_TERMIOS)).toBe('500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0');
    const raw = { ...DEFAULT_TERMIOS, icanon: false, echo: false, isig: false };
    expect(parseSave(formatSave(raw), DEFAULT_TERMIOS)).toEqual(raw);
    expect(parseSave('sane', DEFAULT_TERMIOS)).toBeUndefined();
  });
});
