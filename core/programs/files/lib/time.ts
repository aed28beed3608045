/**
 * Local time for the file programs, without the host's clock or time zone: POSIX TZ strings
 * ("CET-1CEST,M3.5.0,M10.5.0/3"), a few zone names of the lecture's world mapped onto them,
 * the strftime conversions ls, stat and tar print, and the date forms touch -d and -t accept.
 *
 * Which zone: the TZ variable if set, else ZONE= of /etc/sysconfig/clock (Red Hat's setting),
 * else UTC — see zoneFor().
 */
import type { Process } from '../../../kernel/process.js';

export interface Zone {
  stdName: string;
  /** Seconds east of UTC in standard time. */
  stdOffset: number;
  dst?: { name: string; offset: number; start: Rule; end: Rule };
}

/** A POSIX TZ transition rule: Mm.w.d/time, Jn/time or n/time. */
type Rule = { kind: 'M'; month: number; week: number; day: number; time: number } | { kind: 'J' | 'N'; day: number; time: number };

export const UTC: Zone = { stdName: 'UTC', stdOffset: 0 };

/** Olson names the lab worlds may use, as POSIX rules of 2006. */
const NAMED_ZONES: Record<string, string> = {
  UTC: 'UTC0',
  'Etc/UTC': 'UTC0',
  GMT: 'GMT0',
  'Europe/Paris': 'CET-1CEST,M3.5.0,M10.5.0/3',
  'Europe/Brussels': 'CET-1CEST,M3.5.0,M10.5.0/3',
  'Europe/Berlin': 'CET-1CEST,M3.5.0,M10.5.0/3',
  'Europe/Zurich': 'CET-1CEST,M3.5.0,M10.5.0/3',
  'Europe/London': 'GMT0BST,M3.5.0/1,M10.5.0',
  'America/New_York': 'EST5EDT,M4.1.0,M10.5.0',
  'America/Montreal': 'EST5EDT,M4.1.0,M10.5.0',
  'America/Los_Angeles': 'PST8PDT,M4.1.0,M10.5.0',
};

/** Parse a TZ value; unknown values behave as UTC, as glibc does. */
export function parseTz(value: string | undefined): Zone {
  if (value === undefined || value === '') return UTC;
  let spec = value.startsWith(':') ? value.slice(1) : value;
  spec = NAMED_ZONES[spec] ?? spec;
  let pos = 0;
  const name = (): string | undefined => {
    if (spec[pos] === '<') {
      const end = spec.indexOf('>', pos);
      if (end < 0) return undefined;
      const n = spec.slice(pos + 1, end);
      pos = end + 1;
      return n;
    }
    const m = /^[A-Za-z]{3,}/.exec(spec.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };
  const offset = (): number | undefined => {
    const m = /^([+-]?)(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(spec.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    // POSIX offsets are west-positive.
    return m[1] === '-' ? secs : -secs;
  };
  const stdName = name();
  if (!stdName) return UTC;
  const stdOffset = offset();
  if (stdOffset === undefined) return { stdName, stdOffset: 0 };
  const zone: Zone = { stdName, stdOffset };
  if (pos >= spec.length) return zone;
  const dstName = name();
  if (!dstName) return zone;
  let dstOffset = stdOffset + 3600;
  if (spec[pos] !== ',' && pos < spec.length) {
    const o = offset();
    if (o !== undefined) dstOffset = o;
  }
  const rule = (): Rule | undefined => {
    const m = /^(?:M(\d+)\.(\d)\.(\d)|J(\d+)|(\d+))(?:\/([+-]?\d+)(?::(\d+))?(?::(\d+))?)?/.exec(spec.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    const time = m[6] !== undefined ? Number(m[6]) * 3600 + Math.sign(Number(m[6]) || 1) * (Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0)) : 7200;
    if (m[1] !== undefined) return { kind: 'M', month: Number(m[1]), week: Number(m[2]), day: Number(m[3]), time };
    if (m[4] !== undefined) return { kind: 'J', day: Number(m[4]), time };
    return { kind: 'N', day: Number(m[5]), time };
  };
  let start: Rule | undefined = { kind: 'M', month: 3, week: 2, day: 0, time: 7200 };
  let end: Rule | undefined = { kind: 'M', month: 11, week: 1, day: 0, time: 7200 };
  if (spec[pos] === ',') {
    pos++;
    start = rule();
    if (spec[pos] === ',') {
      pos++;
      end = rule();
    }
  }
  if (!start || !end) return zone;
  zone.dst = { name: dstName, offset: dstOffset, start, end };
  return zone;
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Broken {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
  /** 0-based day of the year */
  yday: number;
  /** Seconds east of UTC. */
  offset: number;
  zoneName: string;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Break UTC seconds down with a fixed offset. */
export function breakDown(epoch: number, offset: number, zoneName: string): Broken {
  const t = Math.floor(epoch) + offset;
  const days = Math.floor(t / 86400);
  const secs = t - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: DAYS_BEFORE[month - 1]! + day - 1 + (month > 2 && isLeap(year) ? 1 : 0),
    offset,
    zoneName,
  };
}

/** UTC seconds at which a rule fires in a year, given the offset in force before it. */
function ruleTime(rule: Rule, year: number, offsetBefore: number): number {
  let days: number;
  if (rule.kind === 'M') {
    const first = daysFromCivil(year, rule.month, 1);
    const firstWeekday = (((first + 4) % 7) + 7) % 7;
    let d = first + ((rule.day - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
    const monthDays = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][rule.month - 1]!;
    while (d >= first + monthDays) d -= 7;
    days = d;
  } else if (rule.kind === 'J') {
    days = daysFromCivil(year, 1, 1) + rule.day - 1 + (isLeap(year) && rule.day >= 60 ? 1 : 0);
  } else days = daysFromCivil(year, 1, 1) + rule.day;
  return days * 86400 + rule.time - offsetBefore;
}

/** Is daylight-saving time in force at this instant? */
function inDst(zone: Zone, epoch: number): boolean {
  const dst = zone.dst;
  if (!dst) return false;
  const year = breakDown(epoch, zone.stdOffset, zone.stdName).year;
  const start = ruleTime(dst.start, year, zone.stdOffset);
  const end = ruleTime(dst.end, year, dst.offset);
  return start < end ? epoch >= start && epoch < end : !(epoch >= end && epoch < start);
}

/** localtime(). */
export function localTime(epoch: number, zone: Zone): Broken {
  if (inDst(zone, epoch)) return breakDown(epoch, zone.dst!.offset, zone.dst!.name);
  return breakDown(epoch, zone.stdOffset, zone.stdName);
}

/** mktime(): the instant a local civil time names (the standard-time reading when ambiguous). */
export function makeTime(zone: Zone, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  const guess = local - zone.stdOffset;
  if (zone.dst && inDst(zone, guess - zone.dst.offset + zone.stdOffset)) return local - zone.dst.offset;
  return guess;
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime for the C locale (the conversions the file tools use). */
export function strftime(format: string, t: Broken, nanos = 0): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const f = format[++i]!;
    switch (f) {
      case 'Y':
        out += t.year;
        break;
      case 'y':
        out += p2(t.year % 100);
        break;
      case 'm':
        out += p2(t.month);
        break;
      case 'd':
        out += p2(t.day);
        break;
      case 'e':
        out += String(t.day).padStart(2, ' ');
        break;
      case 'H':
        out += p2(t.hour);
        break;
      case 'M':
        out += p2(t.minute);
        break;
      case 'S':
        out += p2(t.second);
        break;
      case 'N':
        out += String(nanos).padStart(9, '0');
        break;
      case 'b':
      case 'h':
        out += MONTHS[t.month - 1];
        break;
      case 'a':
        out += WEEKDAYS[t.weekday];
        break;
      case 'z': {
        const o = Math.abs(t.offset);
        out += (t.offset < 0 ? '-' : '+') + p2(Math.floor(o / 3600)) + p2(Math.floor((o % 3600) / 60));
        break;
      }
      case 'Z':
        out += t.zoneName;
        break;
      case 'F':
        out += `${t.year}-${p2(t.month)}-${p2(t.day)}`;
        break;
      case 'T':
        out += `${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
        break;
      case 'R':
        out += `${p2(t.hour)}:${p2(t.minute)}`;
        break;
      case 'j':
        out += String(t.yday + 1).padStart(3, '0');
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%' + f;
    }
  }
  return out;
}

/** The zone a process lives in: TZ, else /etc/sysconfig/clock's ZONE, else UTC. */
export async function zoneFor(proc: Process): Promise<Zone> {
  const tz = proc.env.TZ;
  if (tz !== undefined) return parseTz(tz);
  try {
    const text = await proc.readFile('/etc/sysconfig/clock');
    const m = /^ZONE="?([^"\n]*)"?/m.exec(text);
    if (m) return parseTz(m[1]);
  } catch {
    // no clock file: UTC
  }
  return UTC;
}

/** ls -l's date column: "May 30 09:12" within six months (and not in the future), else "May 30  2005". */
export function lsDate(when: number, now: number, zone: Zone): string {
  const t = localTime(when, zone);
  const sixMonthsAgo = now - 31556952 / 2;
  const recent = sixMonthsAgo <= when && when <= now;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', t);
}

/** stat's "2006-05-30 09:00:00.000000000 +0200". */
export function statDate(when: number, zone: Zone): string {
  const secs = Math.floor(when);
  const nanos = Math.round((when - secs) * 1e9);
  return strftime('%Y-%m-%d %H:%M:%S.%N %z', localTime(secs, zone), nanos);
}

// ----- parsing dates ---------------------------------------------------------------------------

/**
 * touch -t's [[CC]YY]MMDDhhmm[.ss]; undefined when malformed. Two-digit years: 69–99 → 19xx,
 * 00–68 → 20xx, as POSIX says.
 */
export function parsePosixStamp(text: string, zone: Zone, now: number): number | undefined {
  const m = /^(\d{2}|\d{4}|)(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  let year: number;
  if (m[1]!.length === 4) year = Number(m[1]);
  else if (m[1]!.length === 2) year = Number(m[1]) + (Number(m[1]) < 69 ? 2000 : 1900);
  else year = localTime(now, zone).year;
  const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 61) return undefined;
  return makeTime(zone, year, mo, d, h, mi, s);
}

/**
 * A subset of getdate(), enough for `touch -d` and `find -newermt`-style uses: ISO dates and
 * times ("2006-05-30", "2006-05-30 09:12[:30]"), "May 30 [2006] [09:12]", "30 May 2006",
 * "MM/DD/YYYY", "HH:MM[:SS]" (today), "now", "today", "yesterday", "tomorrow",
 * "N (seconds|minutes|hours|days|weeks|months|years) [ago]", "@SECONDS", and a trailing
 * "UTC"/"GMT"/"+HHMM" zone. Undefined when the text is not understood.
 */
export function parseDate(text: string, zone: Zone, now: number): number | undefined {
  let s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return undefined;
  const at = /^@(-?\d+)$/.exec(s);
  if (at) return Number(at[1]);
  let fixed: number | undefined;
  const zm = / ?(utc|gmt|z|[+-]\d{2}:?\d{2})$/.exec(s);
  if (zm) {
    const z = zm[1]!;
    fixed = z === 'utc' || z === 'gmt' || z === 'z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.slice(-2)) * 60);
    s = s.slice(0, zm.index).trim();
  }
  const today = localTime(now, zone);
  let y = today.year;
  let mo = today.month;
  let d = today.day;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let dateSeen = false;
  let timeSeen = false;
  let relative = 0;
  let relMonths = 0;
  const tokens = s.split(' ');
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(tok))) {
      [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      dateSeen = true;
      if (m[4] !== undefined) {
        [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
        timeSeen = true;
      }
    } else if ((m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(tok))) {
      mo = Number(m[1]);
      d = Number(m[2]);
      if (m[3]) y = m[3].length === 2 ? Number(m[3]) + (Number(m[3]) < 69 ? 2000 : 1900) : Number(m[3]);
      dateSeen = true;
    } else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(am|pm)?$/.exec(tok))) {
      h = Number(m[1]);
      mi = Number(m[2]);
      sec = Number(m[3] ?? 0);
      if (m[4] === 'pm' && h < 12) h += 12;
      if (m[4] === 'am' && h === 12) h = 0;
      timeSeen = true;
    } else if (monthIndex(tok) >= 0) {
      mo = monthIndex(tok) + 1;
      dateSeen = true;
      const next = tokens[i + 1];
      if (next && /^\d{1,2},?$/.test(next)) {
        d = Number(next.replace(',', ''));
        i++;
        const yr = tokens[i + 1];
        if (yr && /^\d{4}$/.test(yr)) {
          y = Number(yr);
          i++;
        }
      } else if (next && /^\d{4}$/.test(next)) {
        y = Number(next);
        d = 1;
        i++;
      }
    } else if (/^\d{1,2}$/.test(tok) && tokens[i + 1] !== undefined && monthIndex(tokens[i + 1]!) >= 0) {
      d = Number(tok);
      mo = monthIndex(tokens[i + 1]!) + 1;
      i++;
      dateSeen = true;
      const yr = tokens[i + 1];
      if (yr && /^\d{4}$/.test(yr)) {
        y = Number(yr);
        i++;
      }
    } else if (/^\d{4}$/.test(tok) && dateSeen) {
      y = Number(tok);
    } else if (tok === 'now' || tok === 'today') {
      if (tok === 'now' && !timeSeen) {
        h = today.hour;
        mi = today.minute;
        sec = today.second;
        timeSeen = true;
      }
    } else if (tok === 'yesterday') relative -= 86400;
    else if (tok === 'tomorrow') relative += 86400;
    else if (WEEKDAY_NAMES.some((w) => w.startsWith(tok) && tok.length >= 3)) {
      // A weekday name alone is accepted and ignored when a date is given.
    } else if ((m = /^([+-]?\d+)$/.exec(tok)) && tokens[i + 1] !== undefined && unitSeconds(tokens[i + 1]!) !== undefined) {
      const n = Number(m[1]);
      const unit = tokens[i + 1]!;
      i++;
      const ago = tokens[i + 1] === 'ago';
      if (ago) i++;
      const sign = ago ? -1 : 1;
      const u = unitSeconds(unit)!;
      if (u === 'month') relMonths += sign * n;
      else if (u === 'year') relMonths += sign * n * 12;
      else relative += sign * n * u;
      if (!timeSeen && !dateSeen) {
        h = today.hour;
        mi = today.minute;
        sec = today.second;
      }
    } else if (unitSeconds(tok) !== undefined) {
      const u = unitSeconds(tok)!;
      const ago = tokens[i + 1] === 'ago';
      if (ago) i++;
      const sign = ago ? -1 : 1;
      if (u === 'month') relMonths += sign;
      else if (u === 'year') relMonths += sign * 12;
      else relative += sign * u;
      if (!timeSeen && !dateSeen) {
        h = today.hour;
        mi = today.minute;
        sec = today.second;
      }
    } else return undefined;
  }
  if (!dateSeen && !timeSeen && relative === 0 && relMonths === 0 && !tokens.some((t) => t === 'now' || t === 'today' || t === 'yesterday' || t === 'tomorrow'))
    return undefined;
  if (!timeSeen && !dateSeen && relative === 0 && relMonths === 0 && tokens.includes('now')) return now;
  if (!timeSeen && !dateSeen && tokens.every((t) => t !== 'today')) {
    h = today.hour;
    mi = today.minute;
    sec = today.second;
  }
  if (relMonths) {
    const total = y * 12 + (mo - 1) + relMonths;
    y = Math.floor(total / 12);
    mo = (total % 12) + 1;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 61) return undefined;
  const base = fixed !== undefined ? daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - fixed : makeTime(zone, y, mo, d, h, mi, sec);
  return base + relative;
}

function monthIndex(tok: string): number {
  const t = tok.replace(/[.,]$/, '');
  if (t.length < 3) return -1;
  return MONTH_NAMES.findIndex((m) => m.startsWith(t) || (t === 'sept' && m === 'september'));
}

function unitSeconds(tok: string): number | 'month' | 'year' | undefined {
  const t = tok.replace(/s$/, '');
  switch (t) {
    case 'sec':
    case 'second':
      return 1;
    case 'min':
    case 'minute':
      return 60;
    case 'hour':
      return 3600;
    case 'day':
      return 86400;
    case 'week':
      return 604800;
    case 'fortnight':
      return 1209600;
    case 'month':
      return 'month';
    case 'year':
      return 'year';
  }
  return undefined;
}
