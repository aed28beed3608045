/**
 * A compact notation for the simulated packages, expanded into full Package records: file lists
 * written one entry a line, generated manual pages, translations and documentation, and sizes
 * distributed so that each package weighs what it weighed in 2006.
 *
 * File lines: `PATH [SIZE] [FLAGS…]`, where
 *   - a PATH ending in `/` is a directory, `PATH -> TARGET` a symbolic link;
 *   - SIZE is `1234`, `12k` or `1.5M` (bytes, KiB, MiB);
 *   - flags: `c` configuration file, `d` documentation, `*` bulk (takes what is left of the
 *     package's size), `!` or `!name` a program of the registry (automatic for executables in
 *     bin/sbin/libexec directories), `-` plain data even in a bin directory, `x` executable,
 *     `pNNNN` octal permissions, `uN`/`gN` owner and group ids.
 */
import type { Family, Package, PackageFile } from './types.js';

export interface PkgDef {
  name: string;
  /** `V-R` for RPM, `[E:]UPSTREAM[-REVISION]` for Debian; an RPM epoch as `E:V-R`. */
  v: string;
  arch?: string;
  sum: string;
  desc?: string;
  /** RPM group or Debian section. */
  group?: string;
  prio?: string;
  /** Installed size in KiB the files are filled up to. */
  kb: number;
  /** RPM: names separated by spaces or commas; Debian: the Depends field. */
  deps?: string;
  pre?: string;
  rec?: string;
  sug?: string;
  conflicts?: string;
  prov?: string;
  files?: string;
  content?: Record<string, string>;
  /** Documentation file names (RPM: /usr/share/doc/NAME-VERSION/, Debian: /usr/share/doc/NAME/). */
  docs?: string;
  /** Manual pages: `1:ls cat 8:sshd`. */
  man?: string;
  /** gettext domain whose translations the package ships. */
  mo?: string;
  services?: string;
  /** /etc/passwd and /etc/group lines (several separated by newlines) added at install. */
  users?: string;
  groups?: string;
  essential?: boolean;
  license?: string;
  url?: string;
  maint?: string;
  source?: string;
}

export interface FamilyDefaults {
  family: Family;
  arch: string;
  vendor: string;
  maintainer: string;
  buildHost: string;
  /** Build times are spread over the months before this date (epoch seconds). */
  buildTimeBase: number;
  license: string;
  /** Translations shipped for a gettext domain. */
  languages: readonly string[];
}

/** FNV-1a: stable pseudo-random numbers from names. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A value in [lo, hi) chosen by a name. */
function pick(name: string, lo: number, hi: number): number {
  return lo + (hash(name) % Math.max(1, hi - lo));
}

const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

function parseSize(token: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKM]?)$/.exec(token);
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  return Math.round(m[2] === 'M' ? n * 1024 * 1024 : m[2] ? n * 1024 : n);
}

const PROGRAM_DIRS = ['/bin/', '/sbin/', '/usr/bin/', '/usr/sbin/', '/usr/libexec/'];
const inProgramDir = (path: string): boolean => PROGRAM_DIRS.some((d) => path.startsWith(d) && !path.slice(d.length).includes('/'));
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

interface Draft extends PackageFile {
  explicit: boolean;
  bulk: boolean;
  filler: boolean;
}

function parseFiles(text: string): Draft[] {
  const out: Draft[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const tokens = line.split(/\s+/);
    let path = tokens[0]!;
    const d: Draft = { path, type: 'file', perm: 0o644, size: 0, explicit: false, bulk: false, filler: true };
    if (path.endsWith('/') && path !== '/') {
      path = path.slice(0, -1);
      d.path = path;
      d.type = 'dir';
      d.perm = 0o755;
    }
    let program: string | undefined | null; // null: explicitly not a program
    let perm: number | undefined;
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === '->') {
        d.type = 'symlink';
        d.target = tokens[++i];
        d.perm = 0o777;
        continue;
      }
      const size = parseSize(t);
      if (size !== undefined) {
        d.size = size;
        d.explicit = true;
        continue;
      }
      if (t === 'c') d.config = true;
      else if (t === 'd') d.doc = true;
      else if (t === '*') d.bulk = true;
      else if (t === '-') program = null;
      else if (t === 'x') perm = 0o755;
      else if (t.startsWith('!')) program = t.slice(1) || baseName(path);
      else if (/^p[0-7]{3,4}$/.test(t)) perm = parseInt(t.slice(1), 8);
      else if (/^u\d+$/.test(t)) d.uid = Number(t.slice(1));
      else if (/^g\d+$/.test(t)) d.gid = Number(t.slice(1));
      else throw new Error(`package file line: unknown token ${t} in "${line}"`);
    }
    if (d.type === 'file') {
      if (program === undefined && inProgramDir(path)) program = baseName(path);
      if (program) {
        d.program = program;
        d.perm = 0o755;
      }
      if (/\/lib\/[^/]*\.so(\.|$)|\/lib\/ld-/.test(path)) d.perm = 0o755;
    }
    if (perm !== undefined) d.perm = perm;
    out.push(d);
  }
  return out;
}

/** Split `[E:]rest` and the RPM release or Debian revision. */
function splitVersion(v: string, family: Family): { epoch: number; version: string; release: string } {
  let epoch = 0;
  const colon = v.indexOf(':');
  if (colon > 0 && /^\d+$/.test(v.slice(0, colon))) {
    epoch = Number(v.slice(0, colon));
    v = v.slice(colon + 1);
  }
  const dash = v.lastIndexOf('-');
  if (dash < 0) {
    if (family === 'rpm') throw new Error(`rpm version without release: ${v}`);
    return { epoch, version: v, release: '' };
  }
  return { epoch, version: v.slice(0, dash), release: v.slice(dash + 1) };
}

const list = (s: string | undefined, family: Family): string[] => {
  if (!s) return [];
  if (family === 'deb') return s.split(',').map((x) => x.trim()).filter(Boolean);
  // RPM: items separated by commas; an item without a relation may list several names.
  const out: string[] = [];
  for (const item of s.split(',')) {
    const t = item.trim();
    if (!t) continue;
    if (/[<>=]/.test(t)) out.push(t.replace(/\s+/g, ' '));
    else out.push(...t.split(/\s+/));
  }
  return out;
};

function docText(file: string, def: PkgDef, version: string): string {
  const upper = file.toUpperCase();
  if (upper.startsWith('COPYING') || upper === 'LICENSE' || file === 'copyright') {
    const license = def.license ?? 'GPL';
    if (file === 'copyright')
      return `This package was debianized for Debian GNU/Linux.\n\nUpstream: ${def.url ?? 'unknown'}\n\nLicense: ${license}.\n\nOn Debian systems, the complete text of the GNU General Public License\ncan be found in \`/usr/share/common-licenses/GPL'.\n`;
    return `\t\t    ${license === 'GPL' ? 'GNU GENERAL PUBLIC LICENSE\n\t\t       Version 2, June 1991' : license}\n\n Everyone is permitted to copy and distribute verbatim copies\n of this license document, but changing it is not allowed.\n`;
  }
  return `${def.name} ${version}\n\n${def.sum}\n`;
}

/** Expand a definition into a Package. */
export function definePackage(def: PkgDef, fam: FamilyDefaults): Package {
  const family = fam.family;
  const { epoch, version, release } = splitVersion(def.v, family);
  const drafts = parseFiles(def.files ?? '');
  const add = (d: Partial<Draft> & { path: string }): void => {
    drafts.push({ type: 'file', perm: 0o644, size: 0, explicit: false, bulk: false, filler: false, ...d });
  };
  // Documentation.
  const docDir = family === 'rpm' ? `/usr/share/doc/${def.name}-${version}` : `/usr/share/doc/${def.name}`;
  const docs = (def.docs ?? '').split(/\s+/).filter(Boolean);
  if (family === 'deb') {
    if (!docs.includes('copyright')) docs.push('copyright');
    if (!docs.includes('changelog.Debian.gz')) docs.push('changelog.Debian.gz');
  }
  if (docs.length) add({ path: docDir, type: 'dir', perm: 0o755 });
  for (const name of docs) {
    const path = `${docDir}/${name}`;
    if (name.endsWith('.gz')) add({ path, size: pick(path, 900, 24_000), explicit: true, doc: true });
    else add({ path, content: docText(name, def, `${version}`), doc: true });
  }
  // Manual pages.
  let section = '1';
  for (const token of (def.man ?? '').split(/\s+/).filter(Boolean)) {
    let name = token;
    const m = /^(\d[a-z]*):(.*)$/.exec(token);
    if (m) {
      section = m[1]!;
      name = m[2]!;
      if (!name) continue;
    }
    const path = `/usr/share/man/man${section[0]}/${name}.${section}.gz`;
    add({ path, size: pick(path, 1100, 9800), explicit: true, doc: family === 'rpm' });
  }
  // Translations.
  if (def.mo) {
    for (const lang of fam.languages) {
      const path = `/usr/share/locale/${lang}/LC_MESSAGES/${def.mo}.mo`;
      add({ path, size: pick(path, 3000, 38_000), explicit: true });
    }
  }
  // Content and text files.
  for (const d of drafts) {
    const content = def.content?.[d.path];
    if (content !== undefined) {
      d.content = content;
      d.size = utf8Length(content);
      d.explicit = true;
      if (content.startsWith('#!') && d.perm === 0o644) d.perm = 0o755;
      if (content.startsWith('#!')) delete d.program;
    } else if (d.type === 'file' && d.config && !(d.explicit && d.size === 0)) {
      // Configuration files are text a student may read: a header padded to about their size.
      let text = `# ${d.path}: configuration of ${def.name}\n#\n`;
      const want = Math.min(d.explicit ? d.size : 0, 64 * 1024);
      while (text.length < want) text += '#\n';
      d.content = text;
      d.size = utf8Length(text);
      d.explicit = true;
    } else if (d.type === 'file' && !d.explicit && d.doc) {
      d.content = docText(baseName(d.path), def, version);
      d.size = utf8Length(d.content);
      d.explicit = true;
    }
  }
  for (const path of Object.keys(def.content ?? {})) {
    if (!drafts.some((d) => d.path === path)) throw new Error(`${def.name}: content for ${path} without a file line`);
  }
  // Sizes: what the fixed files leave is spread over the others, mostly over bulk files.
  const target = def.kb * 1024;
  const regular = drafts.filter((d) => d.type === 'file');
  const fixed = regular.filter((d) => d.explicit).reduce((n, d) => n + d.size, 0);
  const fillers = regular.filter((d) => !d.explicit);
  const left = target - fixed;
  const minimum = (d: Draft) => (d.program ? pick(d.path, 9_000, 48_000) : pick(d.path, 2_000, 16_000));
  if (fillers.length) {
    const weights = fillers.map((d) => (d.bulk ? 40 : 1) * (0.5 + (hash(d.path) % 1000) / 1000));
    const sum = weights.reduce((a, b) => a + b, 0);
    fillers.forEach((d, i) => {
      d.size = left > 0 ? Math.max(minimum(d), Math.round((left * weights[i]!) / sum)) : minimum(d);
    });
  }
  // Order: directories and files sorted by path, as rpm -ql prints them.
  drafts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  const files: PackageFile[] = [];
  for (const d of drafts) {
    if (seen.has(d.path)) throw new Error(`${def.name}: duplicate file ${d.path}`);
    seen.add(d.path);
    const f: PackageFile = { path: d.path, type: d.type, perm: d.perm, size: d.type === 'file' ? d.size : 0 };
    if (d.uid !== undefined) f.uid = d.uid;
    if (d.gid !== undefined) f.gid = d.gid;
    if (d.program) f.program = d.program;
    if (d.content !== undefined) f.content = d.content;
    if (d.target !== undefined) f.target = d.target;
    if (d.config) f.config = true;
    if (d.doc) f.doc = true;
    files.push(f);
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  return {
    name: def.name,
    epoch,
    version,
    release,
    arch: def.arch ?? fam.arch,
    summary: def.sum,
    description: def.desc ?? `${def.sum.replace(/\.$/, '')}.`,
    group: def.group ?? (family === 'rpm' ? 'System Environment/Base' : 'base'),
    priority: def.prio ?? 'optional',
    license: def.license ?? fam.license,
    url: def.url ?? '',
    maintainer: def.maint ?? fam.maintainer,
    vendor: fam.vendor,
    buildHost: fam.buildHost,
    buildTime: fam.buildTimeBase - pick(def.name + def.v, 86_400 * 3, 86_400 * 200),
    source: def.source ?? (family === 'rpm' ? `${def.name}-${version}-${release}.src.rpm` : ''),
    depends: list(def.deps, family),
    preDepends: list(def.pre, family),
    recommends: list(def.rec, family),
    suggests: list(def.sug, family),
    conflicts: list(def.conflicts, family),
    provides: list(def.prov, family),
    essential: def.essential ?? false,
    files,
    services: (def.services ?? '').split(/\s+/).filter(Boolean),
    users: (def.users ?? '').split('\n').filter(Boolean),
    groups: (def.groups ?? '').split('\n').filter(Boolean),
    // Compressed archives: binaries compress to about 40 %.
    archiveSize: Math.max(2_000, Math.round(total * (0.34 + (hash(def.name) % 100) / 1000))),
  };
}
