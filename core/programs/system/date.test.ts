import { describe, expect, it } from 'vitest';
import { localTime, parseTz, UTC } from '../files/lib/time.js';
import { DATE_DEFAULT_FORMAT, formatDate, parseDateString, parsePosixSetTime } from './date.js';

const T = 1148972400 + 14 * 60 + 2; // Tue 30 May 2006 07:14:02 UTC = 09:14:02 CEST
const paris = parseTz('Europe/Paris');
const fmt = (f: string, zone = paris, epoch = T) => formatDate(f, localTime(epoch, zone), epoch);

describe('date formats', () => {
  it('prints the default C-locale format', () => {
    expect(fmt(DATE_DEFAULT_FORMAT)).toBe('Tue May 30 09:14:02 CEST 2006');
    expect(fmt(DATE_DEFAULT_FORMAT, UTC)).toBe('Tue May 30 07:14:02 UTC 2006');
    expect(fmt(DATE_DEFAULT_FORMAT, paris, T + 86400 * 200)).toBe('Sat Dec 16 08:14:02 CET 2006');
  });

  it.each([
    ['%Y-%m-%d %H:%M:%S', '2006-05-30 09:14:02'],
    ['%a %A %b %B %h', 'Tue Tuesday May May May'],
    ['%c', 'Tue May 30 09:14:02 2006'],
    ['%D|%x|%X|%T|%R|%F', '05/30/06|05/30/06|09:14:02|09:14:02|09:14|2006-05-30'],
    ['%e|%-d|%_m|%k|%l|%I|%p|%P', '30|30| 5| 9| 9|09|AM|am'],
    ['%j %u %w %U %W %V %G %g %C %y', '150 2 2 22 22 22 2006 06 20 06'],
    ['%s', String(T)],
    ['%z %Z', '+0200 CEST'],
    ['%n%t%%', '\n\t%'],
    ['%r', '09:14:02 AM'],
    ['%^a %10Y %_5d', 'TUE 0000002006    30'],
    ['%q', '%q'],
  ])('%s', (format, text) => {
    expect(fmt(format)).toBe(text);
  });
});

describe('date input', () => {
  it('reads its own output back, with the zone name', () => {
    expect(parseDateString('Tue May 30 09:14:02 CEST 2006', paris, T)).toBe(T);
    expect(parseDateString('2006-05-30 07:14:02 UTC', paris, T)).toBe(T);
    expect(parseDateString('tomorrow', paris, T)).toBe(T + 86400);
    expect(parseDateString('@42', paris, T)).toBe(42);
    expect(parseDateString('next blue moon', paris, T)).toBeUndefined();
  });

  it('reads MMDDhhmm[[CC]YY][.ss] in local time', () => {
    expect(parsePosixSetTime('05300914', paris, T)).toBe(T - 2);
    expect(parsePosixSetTime('053009142006.02', paris, T)).toBe(T);
    expect(parsePosixSetTime('0530091406', UTC, T)).toBe(T + 7200 - 2);
    expect(parsePosixSetTime('13300914', paris, T)).toBeUndefined();
    expect(parsePosixSetTime('now', paris, T)).toBeUndefined();
  });
});
