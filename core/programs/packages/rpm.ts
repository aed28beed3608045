/**
 * rpm 4.3.3 (RHEL 4) queries: -q NAME, -qa, -qi, -ql, -qf FILE, -qc, -qd, --root DIR. The
 * database is /var/lib/rpm/Packages of the root, one JSON record a line (world/distributions/rhel4.ts).
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import type { RpmRecord } from '../../world/distributions/rhel4.js';
import { defineProgram } from '../registry.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime %c: the en_US form (`Thu 12 May 2005 10:32:29 AM UTC`) or the C form. */
export function rpmDate(epoch: number, lang: string): string {
  const d = new Date(epoch * 1000);
  const day = DAYS[d.getUTCDay()]!;
  const mon = MONTHS[d.getUTCMonth()]!;
  const h = d.getUTCHours();
  const time = `${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (/^en_/.test(lang)) return `${day} ${p2(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p2(h % 12 || 12)}:${time} ${h < 12 ? 'AM' : 'PM'} UTC`;
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(h)}:${time} ${d.getUTCFullYear()}`;
}

const nvr = (r: RpmRecord) => `${r.name}-${r.version}-${r.release}`;
const pad = (s: string | number, n: number) => String(s).padEnd(n);

/** rpm -qi, following rpm 4.3's --info query format. */
export function rpmInfo(r: RpmRecord, lang: string): string {
  const date = (t: number) => rpmDate(t, lang);
  return (
    `Name        : ${pad(r.name, 27)} Relocations: (not relocatable)\n` +
    `Version     : ${pad(r.version, 27)}       Vendor: ${r.vendor}\n` +
    `Release     : ${pad(r.release, 27)}   Build Date: ${date(r.buildTime)}\n` +
    `Install Date: ${pad(date(r.installTime), 27)}      Build Host: ${r.buildHost}\n` +
    `Group       : ${pad(r.group, 27)}   Source RPM: ${r.sourceRpm}\n` +
    `Size        : ${pad(r.size, 27)}${r.license ? `      License: ${r.license}` : ''}\n` +
    `Signature   : DSA/SHA1, ${date(r.buildTime + 120)}, Key ID 219180cddb42a60e\n` +
    (r.packager ? `Packager    : ${r.packager}\n` : '') +
    (r.url ? `URL         : ${r.url}\n` : '') +
    `Summary     : ${r.summary}\n` +
    `Description :\n${r.description}\n`
  );
}

const USAGE =
  'Usage: rpm [-aKfgpqVcdiLlsv?] [-a|--all] [-f|--file] [-g|--group] [-p|--package] [--specfile]\n' +
  '        [--whatrequires] [--whatprovides] [-c|--configfiles] [-d|--docfiles] [-L|--licensefiles]\n' +
  '        [--dump] [-l|--list] [--queryformat=QUERYFORMAT] [-s|--state] [--root=ROOT] [-v|--verbose]\n';

interface Options {
  query: boolean;
  all: boolean;
  file: boolean;
  info: boolean;
  list: boolean;
  config: boolean;
  docs: boolean;
  root: string;
  args: string[];
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { query: false, all: false, file: false, info: false, list: false, config: false, docs: false, root: '/', args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--root' || a === '-r') {
      const v = argv[++i];
      if (v === undefined) return 'rpm: option requires an argument -- root';
      o.root = v;
    } else if (a.startsWith('--root=')) o.root = a.slice(7);
    else if (a === '--query') o.query = true;
    else if (a === '--all') o.all = true;
    else if (a === '--file') o.file = true;
    else if (a === '--info') o.info = true;
    else if (a === '--list') o.list = true;
    else if (a === '--configfiles') o.config = true;
    else if (a === '--docfiles') o.docs = true;
    else if (a.startsWith('--')) return `rpm: ${a}: unknown option`;
    else if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 'q') o.query = true;
        else if (ch === 'a') o.all = true;
        else if (ch === 'f') o.file = true;
        else if (ch === 'i') o.info = true;
        else if (ch === 'l') o.list = true;
        else if (ch === 'c') o.config = true;
        else if (ch === 'd') o.docs = true;
        else return `rpm: -${ch}: unknown option`;
      }
    } else o.args.push(a);
  }
  return o;
}

/** The normalised absolute path of an argument (rpm -qf works on the path as given, made absolute). */
function absolute(proc: Process, path: string): string {
  const full = path.startsWith('/') ? path : `${proc.fs.getcwd().replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

defineProgram({
  name: 'rpm',
  vszKb: 6800,
  rssKb: 2100,
  options: ['-q', '-qa', '-qi', '-ql', '-qf', '-qc', '-qd', '--root', '--all', '--info', '--list', '--file'],
  async main(proc) {
    const parsed = parseArgs(proc.argv.slice(1));
    if (typeof parsed === 'string') {
      await proc.err(`${parsed}\n`);
      return 1;
    }
    const o = parsed;
    if (!o.query) {
      await proc.err(USAGE);
      return 1;
    }
    const root = o.root.replace(/\/+$/, '');
    const dbDir = `${root}/var/lib/rpm`;
    let records: RpmRecord[];
    try {
      const text = await proc.readFile(`${dbDir}/Packages`);
      records = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as RpmRecord);
    } catch (e) {
      if (!(e instanceof SyscallError) && !(e instanceof SyntaxError)) throw e;
      const why = e instanceof SyscallError ? `${e.message} (${e.errno})` : 'Invalid argument (22)';
      await proc.err(`error: cannot open Packages index using db3 - ${why}\nerror: cannot open Packages database in ${dbDir || '/var/lib/rpm'}\n`);
      return 1;
    }
    const lang = proc.env.LC_ALL || proc.env.LC_TIME || proc.env.LANG || 'C';
    let out = '';
    const show = (r: RpmRecord) => {
      if (o.info) out += rpmInfo(r, lang);
      if (o.list || o.config || o.docs) {
        const files = r.files.filter(([, , , , flag]) => (o.config ? flag === 'c' : o.docs ? flag === 'd' : true));
        if (files.length === 0) out += '(contains no files)\n';
        for (const [path] of files) out += `${path}\n`;
      }
      if (!o.info && !o.list && !o.config && !o.docs) out += `${nvr(r)}\n`;
    };
    let status = 0;
    const flushErr = async (message: string) => {
      await proc.out(out);
      out = '';
      await proc.err(message);
    };
    if (o.all) {
      for (const r of records) show(r);
      await proc.out(out);
      return 0;
    }
    if (o.args.length === 0) {
      await proc.err('rpm: no arguments given for query\n');
      return 1;
    }
    for (const arg of o.args) {
      if (o.file) {
        const path = absolute(proc, arg);
        let exists = true;
        try {
          proc.fs.lstat(`${root}${path}`);
        } catch {
          exists = false;
        }
        const owners = records.filter((r) => r.files.some(([p]) => p === path));
        if (owners.length > 0) for (const r of owners) show(r);
        else {
          status++;
          await flushErr(exists ? `file ${path} is not owned by any package\n` : `error: file ${path}: No such file or directory\n`);
        }
        continue;
      }
      const matches = records.filter((r) => r.name === arg || nvr(r) === arg || `${r.name}-${r.version}` === arg);
      if (matches.length === 0) {
        status++;
        out += `package ${arg} is not installed\n`;
        continue;
      }
      for (const r of matches) show(r);
    }
    await proc.out(out);
    return status;
  },
});
