import { describe, expect, it } from 'vitest';
import { localTime, lsDate, makeTime, parseDate, parsePosixStamp, parseTz, statDate, strftime, UTC } from './time.js';

const LECTURE = 1148979600; // 2006-05-30 09:00:00 UTC

describe('time zones', () => {
  it('UTC by default and for unknown zones', () => {
    expect(parseTz(undefined)).toEqual(UTC);
    expect(localTime(LECTURE, parseTz('UTC')).hour).toBe(9);
  });
  it('Europe/Paris is CEST (+0200) in May and CET (+0100) in January', () => {
    const paris = parseTz('Europe/Paris');
    const may = localTime(LECTURE, paris);
    expect([may.hour, may.offset, may.zoneName]).toEqual([11, 7200, 'CEST']);
    const jan = localTime(1136073600, paris); // 2006-01-01 00:00 UTC
    expect([jan.hour, jan.offset, jan.zoneName]).toEqual([1, 3600, 'CET']);
  });
  it('POSIX rules: the switch happens on the last Sunday of March at 02:00', () => {
    const cet = parseTz('CET-1CEST,M3.5.0,M10.5.0/3');
    // 2006-03-26 00:59:59 UTC is 01:59:59 CET; one second later it is 03:00 CEST.
    expect(strftime('%H:%M:%S %Z', localTime(1143334799, cet))).toBe('01:59:59 CET');
    expect(strftime('%H:%M:%S %Z', localTime(1143334800, cet))).toBe('03:00:00 CEST');
  });
  it('mktime inverts localtime', () => {
    const paris = parseTz('Europe/Paris');
    expect(makeTime(paris, 2006, 5, 30, 11, 0, 0)).toBe(LECTURE);
    expect(makeTime(UTC, 1970, 1, 1, 0, 0, 0)).toBe(0);
  });
});

describe('formats', () => {
  it('ls -l dates: time of day within six months, the year otherwise', () => {
    expect(lsDate(LECTURE - 3600, LECTURE, UTC)).toBe('May 30 08:00');
    expect(lsDate(LECTURE - 86400 * 30, LECTURE, UTC)).toBe('Apr 30 09:00');
    expect(lsDate(LECTURE - 86400 * 365, LECTURE, UTC)).toBe('May 30  2005');
    expect(lsDate(LECTURE + 3600, LECTURE, UTC)).toBe('May 30  2006');
    expect(lsDate(1136073600, LECTURE, UTC)).toBe('Jan  1 00:00');
  });
  it('stat dates', () => {
    expect(statDate(LECTURE, UTC)).toBe('2006-05-30 09:00:00.000000000 +0000');
    expect(statDate(LECTURE, parseTz('Europe/Paris'))).toBe('2006-05-30 11:00:00.000000000 +0200');
  });
});

describe('parsing dates (touch -t, touch -d)', () => {
  it('[[CC]YY]MMDDhhmm[.ss]', () => {
    expect(parsePosixStamp('200605300900', UTC, LECTURE)).toBe(LECTURE);
    expect(parsePosixStamp('0605300900', UTC, LECTURE)).toBe(LECTURE);
    expect(parsePosixStamp('05300900.05', UTC, LECTURE)).toBe(LECTURE + 5);
    expect(parsePosixStamp('9901010000', UTC, LECTURE)).toBe(915148800);
    expect(parsePosixStamp('1301010000', UTC, LECTURE)).toBe(makeTime(UTC, 2013, 1, 1, 0, 0, 0));
    expect(parsePosixStamp('2006053009', UTC, LECTURE)).toBeUndefined(); // YYMMDDhhmm: hour 30
    expect(parsePosixStamp('abc', UTC, LECTURE)).toBeUndefined();
    expect(parsePosixStamp('200613300900', UTC, LECTURE)).toBeUndefined();
  });
  it.each([
    ['2006-05-30 09:00', LECTURE],
    ['2006-05-30 09:00:30', LECTURE + 30],
    ['2006-05-30', LECTURE - 9 * 3600],
    ['May 30 2006', LECTURE - 9 * 3600],
    ['30 May 2006 09:00', LECTURE],
    ['05/30/2006', LECTURE - 9 * 3600],
    ['now', LECTURE],
    ['yesterday', LECTURE - 86400],
    ['2 days ago', LECTURE - 2 * 86400],
    ['1 hour ago', LECTURE - 3600],
    ['@1000', 1000],
    ['2006-05-30 09:00 UTC', LECTURE],
    ['10:30', LECTURE + 5400],
  ])('%j', (text, expected) => {
    expect(parseDate(text, UTC, LECTURE)).toBe(expected);
  });
  it('rejects nonsense', () => {
    expect(parseDate('blah', UTC, LECTURE)).toBeUndefined();
    expect(parseDate('', UTC, LECTURE)).toBeUndefined();
  });
});
