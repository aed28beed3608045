/**
 * date (coreutils 5.2.1): print the simulated time in the C locale ("Tue May 30 09:14:02 UTC 2006"),
 * +FORMAT with GNU's conversions and padding flags, -d/-f/-r for other dates, -u, -R, -I, and
 * setting the clock (-s or MMDDhhmm[[CC]YY][.ss]), which needs CAP_SYS_TIME.
 *
 * Time zone: TZ if set (POSIX rules or the Olson names of files/lib/time.ts, e.g. Europe/Paris →
 * CET/CEST), else ZONE= of /etc/sysconfig/clock, else UTC. LANG is ignored: the emulated system
 * answers in the C locale, like every other tool here.
 */
import { SyscallError } from '../../kernel/errno.js';
import { type Broken, daysFromCivil, localTime, MONTHS, parseDate, UTC, WEEKDAYS, zoneFor, type Zone } from '../files/lib/time.js';
import { COREUTILS_BUG_FOOTER } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';
import { defineProgram } from '../registry.js';

const FULL_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const CAP_SYS_TIME = 1n << 25n;

/** ISO 8601 week number and week-based year. */
function isoWeek(t: Broken): { week: number; year: number } {
  const wday = (t.weekday + 6) % 7; // Monday = 0
  let year = t.year;
  let week = Math.floor((t.yday - wday + 10) / 7);
  if (week < 1) {
    year--;
    const prevDays = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    week = Math.floor((t.yday + prevDays - wday + 10) / 7);
  } else {
    const days = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    if (week === 53 && t.yday - wday + 3 >= days) {
      week = 1;
      year++;
    }
  }
  return { week, year };
}

/**
 * GNU nstrftime in the C locale: every conversion date(1) documents, with the `-` (no padding),
 * `_` (spaces), `0` (zeros) and `^` (upper case) flags.
 */
export function formatDate(format: string, t: Broken, epoch: number, nanos = 0): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    let flag = '';
    let j = i + 1;
    while (j < format.length && '-_0^#'.includes(format[j]!)) flag = format[j++]!;
    let width = '';
    while (j < format.length && /\d/.test(format[j]!)) width += format[j++];
    if (j < format.length && (format[j] === 'E' || format[j] === 'O')) j++;
    const c = format[j];
    if (c === undefined) {
      out += format.slice(i);
      break;
    }
    i = j;
    const num = (n: number, w: number, pad = '0') => {
      const p = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : pad;
      const ww = width ? Number(width) : w;
      const s = String(n);
      return p === '' ? s : s.padStart(ww, p);
    };
    const text = (s: string) => {
      const r = flag === '^' ? s.toUpperCase() : s;
      return width ? r.padStart(Number(width), flag === '0' ? '0' : ' ') : r;
    };
    const h12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (c) {
      case '%':
        out += '%';
        break;
      case 'a':
        out += text(WEEKDAYS[t.weekday]!);
        break;
      case 'A':
        out += text(FULL_WEEKDAYS[t.weekday]!);
        break;
      case 'b':
      case 'h':
        out += text(MONTHS[t.month - 1]!);
        break;
      case 'B':
        out += text(FULL_MONTHS[t.month - 1]!);
        break;
      case 'c':
        out += text(formatDate('%a %b %e %H:%M:%S %Y', t, epoch));
        break;
      case 'C':
        out += num(Math.floor(t.year / 100), 2);
        break;
      case 'd':
        out += num(t.day, 2);
        break;
      case 'D':
      case 'x':
        out += text(formatDate('%m/%d/%y', t, epoch));
        break;
      case 'e':
        out += num(t.day, 2, ' ');
        break;
      case 'F':
        out += text(formatDate('%Y-%m-%d', t, epoch));
        break;
      case 'g':
        out += num(isoWeek(t).year % 100, 2);
        break;
      case 'G':
        out += num(isoWeek(t).year, 4);
        break;
      case 'H':
        out += num(t.hour, 2);
        break;
      case 'I':
        out += num(h12, 2);
        break;
      case 'j':
        out += num(t.yday + 1, 3);
        break;
      case 'k':
        out += num(t.hour, 2, ' ');
        break;
      case 'l':
        out += num(h12, 2, ' ');
        break;
      case 'm':
        out += num(t.month, 2);
        break;
      case 'M':
        out += num(t.minute, 2);
        break;
      case 'n':
        out += '\n';
        break;
      case 'N':
        out += String(nanos).padStart(9, '0');
        break;
      case 'p':
        out += text(t.hour < 12 ? 'AM' : 'PM');
        break;
      case 'P':
        out += text(t.hour < 12 ? 'am' : 'pm');
        break;
      case 'r':
        out += text(formatDate('%I:%M:%S %p', t, epoch));
        break;
      case 'R':
        out += text(formatDate('%H:%M', t, epoch));
        break;
      case 's':
        out += num(Math.floor(epoch), 1);
        break;
      case 'S':
        out += num(t.second, 2);
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
      case 'X':
        out += text(formatDate('%H:%M:%S', t, epoch));
        break;
      case 'u':
        out += num(t.weekday === 0 ? 7 : t.weekday, 1);
        break;
      case 'U':
        out += num(Math.floor((t.yday + 7 - t.weekday) / 7), 2);
        break;
      case 'V':
        out += num(isoWeek(t).week, 2);
        break;
      case 'w':
        out += num(t.weekday, 1);
        break;
      case 'W':
        out += num(Math.floor((t.yday + 7 - ((t.weekday + 6) % 7)) / 7), 2);
        break;
      case 'y':
        out += num(t.year % 100, 2);
        break;
      case 'Y':
        out += num(t.year, 1);
        break;
      case 'z': {
        const o = Math.abs(t.offset);
        out += (t.offset < 0 ? '-' : '+') + String(Math.floor(o / 3600)).padStart(2, '0') + String(Math.floor((o % 3600) / 60)).padStart(2, '0');
        break;
      }
      case 'Z':
        out += text(t.zoneName);
        break;
      default:
        out += format.slice(format.lastIndexOf('%', i), i + 1);
    }
  }
  return out;
}

/** The default format of `date` in the C locale. */
export const DATE_DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** Zone abbreviations get_date() knows (a few of its table), as offsets east of UTC. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, wet: 0, west: 3600, bst: 3600, cet: 3600, cest: 7200, met: 3600, mest: 7200, eet: 7200, eest: 10800,
  est: -18000, edt: -14400, cst: -21600, cdt: -18000, mst: -25200, mdt: -21600, pst: -28800, pdt: -25200,
};

/** get_date(): date -d's parser (files/lib/time.ts), plus the zone abbreviations date prints itself. */
export function parseDateString(text: string, zone: Zone, now: number): number | undefined {
  let offset: number | undefined;
  const words = text.trim().split(/\s+/).filter((w) => {
    const z = ZONE_ABBREVIATIONS[w.toLowerCase()];
    if (z === undefined) return true;
    offset = z;
    return false;
  });
  if (offset === undefined) return parseDate(text, zone, now);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = `${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}${String((abs % 3600) / 60).padStart(2, '0')}`;
  return parseDate(`${words.join(' ')} ${suffix}`, zone, now);
}

/** date's MMDDhhmm[[CC]YY][.ss] (posixtime with a trailing year). */
export function parsePosixSetTime(text: string, zone: Zone, now: number): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}|\d{4})?(?:\.(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [mo, d, h, mi] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  let year = localTime(now, zone).year;
  if (m[5]) year = m[5].length === 4 ? Number(m[5]) : Number(m[5]) + (Number(m[5]) < 69 ? 2000 : 1900);
  const s = Number(m[6] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 61) return undefined;
  const local = daysFromCivil(year, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  // Convert local civil time with the zone: try the standard then the daylight offset.
  const guess = local - zone.stdOffset;
  const t = localTime(guess, zone);
  return local - t.offset;
}

const HELP = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display the current time in the given FORMAT, or set the system date.

  -d, --date=STRING         display time described by STRING, not \`now'
  -f, --file=DATEFILE       like --date once for each line of DATEFILE
  -ITIMESPEC, --iso-8601[=TIMESPEC]  output date/time in ISO 8601 format.
                            TIMESPEC=\`date' for date only,
                            \`hours', \`minutes', or \`seconds' for date and
                            time to the indicated precision.
                            --iso-8601 without TIMESPEC defaults to \`date'.
  -r, --reference=FILE      display the last modification time of FILE
  -R, --rfc-2822            output RFC-2822 compliant date string
  -s, --set=STRING          set time described by STRING
  -u, --utc, --universal    print or set Coordinated Universal Time
      --help     display this help and exit
      --version  output version information and exit

FORMAT controls the output.  The only valid option for the second form
specifies Coordinated Universal Time.  Interpreted sequences are:

  %%   a literal %
  %a   locale's abbreviated weekday name (Sun..Sat)
  %A   locale's full weekday name, variable length (Sunday..Saturday)
  %b   locale's abbreviated month name (Jan..Dec)
  %B   locale's full month name, variable length (January..December)
  %c   locale's date and time (Sat Nov 04 12:02:33 EST 1989)
  %C   century (year divided by 100 and truncated to an integer) [00-99]
  %d   day of month (01..31)
  %D   date (mm/dd/yy)
  %e   day of month, blank padded ( 1..31)
  %F   same as %Y-%m-%d
  %g   the 2-digit year corresponding to the %V week number
  %G   the 4-digit year corresponding to the %V week number
  %h   same as %b
  %H   hour (00..23)
  %I   hour (01..12)
  %j   day of year (001..366)
  %k   hour ( 0..23)
  %l   hour ( 1..12)
  %m   month (01..12)
  %M   minute (00..59)
  %n   a newline
  %N   nanoseconds (000000000..999999999)
  %p   locale's upper case AM or PM indicator (blank in many locales)
  %P   locale's lower case am or pm indicator (blank in many locales)
  %r   time, 12-hour (hh:mm:ss [AP]M)
  %R   time, 24-hour (hh:mm)
  %s   seconds since \`00:00:00 1970-01-01 UTC' (a GNU extension)
  %S   second (00..60); the 60 is necessary to accommodate a leap second
  %t   a horizontal tab
  %T   time, 24-hour (hh:mm:ss)
  %u   day of week (1..7);  1 represents Monday
  %U   week number of year with Sunday as first day of week (00..53)
  %V   week number of year with Monday as first day of week (01..53)
  %w   day of week (0..6);  0 represents Sunday
  %W   week number of year with Monday as first day of week (00..53)
  %x   locale's date representation (mm/dd/yy)
  %X   locale's time representation (%H:%M:%S)
  %y   last two digits of year (00..99)
  %Y   year (1970...)
  %z   RFC-2822 style numeric timezone (-0500) (a nonstandard extension)
  %Z   time zone (e.g., EDT), or nothing if no time zone is determinable

By default, date pads numeric fields with zeroes.  GNU date recognizes
the following modifiers between \`%' and a numeric directive.

  \`-' (hyphen) do not pad the field
  \`_' (underscore) pad the field with spaces
${COREUTILS_BUG_FOOTER}`;

const SPEC: ToolSpec = {
  name: 'date',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  help: HELP,
  options: [
    { short: 'd', long: 'date', arg: 'required' },
    { short: 'f', long: 'file', arg: 'required' },
    { short: 'I', long: 'iso-8601', arg: 'optional' },
    { short: 'r', long: 'reference', arg: 'required' },
    { short: 'R', long: 'rfc-2822' },
    { short: 's', long: 'set', arg: 'required' },
    { short: 'u', long: 'utc' },
    { short: 'u', long: 'universal' },
  ],
};

const ISO_FORMATS = ['%Y-%m-%d', '%Y-%m-%dT%H%z', '%Y-%m-%dT%H:%M%z', '%Y-%m-%dT%H:%M:%S%z'];

defineProgram({
  name: 'date',
  vszKb: 4200,
  rssKb: 520,
  options: ['-d', '-f', '-I', '-r', '-R', '-s', '-u', '--date=', '--rfc-2822', '--utc', '--help', '--version'],
  main: (proc) =>
    runTool(proc, SPEC, async (tool, parsed) => {
      let datestr: string | undefined;
      let batch: string | undefined;
      let reference: string | undefined;
      let setStr: string | undefined;
      let rfc = false;
      let iso = 0;
      let utc = false;
      for (const o of parsed.options) {
        switch (o.key) {
          case 'd':
            datestr = o.value;
            break;
          case 'f':
            batch = o.value;
            break;
          case 'r':
            reference = o.value;
            break;
          case 's':
            setStr = o.value;
            break;
          case 'R':
            rfc = true;
            break;
          case 'u':
            utc = true;
            break;
          case 'I': {
            const v = o.value ?? 'date';
            const i = ['date', 'hours', 'minutes', 'seconds'].findIndex((n) => n.startsWith(v) && v !== '');
            if (i < 0) {
              await tool.warn(`invalid argument \`${v}' for \`--iso-8601'\nValid arguments are:\n  - \`date'\n  - \`hours'\n  - \`minutes'\n  - \`seconds'`);
              return tool.usage();
            }
            iso = i + 1;
            break;
          }
        }
      }
      const zone: Zone = utc ? UTC : await zoneFor(proc);
      const now = proc.time();
      const operands = parsed.operands;
      const specified = Number(datestr !== undefined) + Number(batch !== undefined) + Number(reference !== undefined);
      if (specified > 1) return tool.usageError('the options to specify dates for printing are mutually exclusive');
      if (setStr !== undefined && specified) return tool.usageError('the options to print and set the time may not be used together');
      if (operands.length > 1) return tool.usageError(`too many non-option arguments: ${operands[1]}${operands.length === 2 ? '' : ' ...'}`);
      if ((setStr !== undefined || specified) && operands.length === 1 && !operands[0]!.startsWith('+')) {
        return tool.usageError(
          `the argument \`${operands[0]}' lacks a leading \`+';\nWhen using an option to specify date(s), any non-option\nargument must be a format string beginning with \`+'.`,
        );
      }
      if (rfc && setStr === undefined && operands.length > 0) return tool.usageError('a format string may not be specified when using the --rfc-2822 (-R) option');
      const userFormat = operands.length === 1 && operands[0]!.startsWith('+') ? operands[0]!.slice(1) : undefined;
      const show = (when: number): string => {
        const format = userFormat ?? (rfc ? '%a, %d %b %Y %H:%M:%S %z' : iso ? ISO_FORMATS[iso - 1]! : DATE_DEFAULT_FORMAT);
        if (format === '') return '\n';
        const secs = Math.floor(when);
        return formatDate(format, localTime(secs, zone), secs, Math.round((when - secs) * 1e9)) + '\n';
      };

      if (batch !== undefined) {
        let text: string;
        try {
          text = batch === '-' ? await proc.readAll(0) : await proc.readFile(batch);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          return tool.fatal(`${batch === '-' ? 'standard input' : `\`${batch}'`}: ${e.message}`);
        }
        let status = 0;
        for (const line of text.split('\n')) {
          if (line === '' && text.endsWith('\n')) continue;
          const when = parseDateString(line, zone, now);
          if (when === undefined) {
            await tool.warn(`invalid date \`${line}'`);
            status = 1;
          } else tool.out.put(show(when));
        }
        return status;
      }

      let when = now;
      let setting = false;
      if (setStr !== undefined) {
        setting = true;
        const w = parseDateString(setStr, zone, now);
        if (w === undefined) return tool.fatal(`invalid date \`${setStr}'`);
        when = w;
      } else if (!specified && operands.length === 1 && !operands[0]!.startsWith('+')) {
        setting = true;
        const w = parsePosixSetTime(operands[0]!, zone, now);
        if (w === undefined) return tool.fatal(`invalid date \`${operands[0]}'`);
        when = w;
      } else if (reference !== undefined) {
        try {
          when = proc.fs.stat(reference).mtime;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          return tool.fatal(`${reference}: ${e.message}`);
        }
      } else if (datestr !== undefined) {
        const w = parseDateString(datestr, zone, now);
        if (w === undefined) return tool.fatal(`invalid date \`${datestr}'`);
        when = w;
      }
      let status = 0;
      if (setting) {
        // settimeofday(2) needs CAP_SYS_TIME (a Linux-VServer guest does not have it).
        if ((proc.task.cred.caps & CAP_SYS_TIME) === 0n) {
          await tool.warn('cannot set date: Operation not permitted');
          status = 1;
        } else proc.kernel.clock.setEpochSeconds(when);
      }
      tool.out.put(show(when));
      return status;
    }),
});

