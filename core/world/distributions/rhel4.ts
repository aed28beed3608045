/**
 * The RHEL 4 distribution as data, and the host's RPM database: /var/lib/rpm with a Packages
 * file the emulated rpm reads. The real Packages is a Berkeley DB; ours holds one JSON record a
 * line (install order), which keeps it readable by cat and copyable by cp, tar and rsync.
 */
import type { FsLayout } from '../layout.js';
import { definePackage, type FamilyDefaults } from './define.js';
import { RPM_BASE, RPM_SERVER_EXTRA, rpmPackageDefs } from './rpm-packages.js';
import { installedSize, type Package } from './types.js';

export const RHEL4_DEFAULTS: FamilyDefaults = {
  family: 'rpm',
  arch: 'i386',
  vendor: 'Red Hat, Inc.',
  maintainer: 'Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>',
  buildHost: 'hs20-bc1-5.build.redhat.com',
  // Builds spread over the months before RHEL 4 Update 3 (2006-03-07).
  buildTimeBase: 1141689600,
  license: 'GPL',
  languages: ['de', 'es', 'fr', 'it', 'ja', 'ko', 'pt_BR', 'zh_CN', 'zh_TW'],
};

let rhel4Cache: Map<string, Package> | undefined;

/** Every RHEL 4 package, by name (built once). */
export function rhel4Packages(): Map<string, Package> {
  if (!rhel4Cache) rhel4Cache = new Map(rpmPackageDefs('rhel4').map((d) => [d.name, definePackage(d, RHEL4_DEFAULTS)]));
  return rhel4Cache;
}

/** One installed package as the database stores it. */
export interface RpmRecord {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  summary: string;
  description: string;
  group: string;
  license: string;
  url: string;
  vendor: string;
  packager: string;
  buildHost: string;
  buildTime: number;
  installTime: number;
  sourceRpm: string;
  size: number;
  requires: string[];
  provides: string[];
  /** [path, type letter f/d/l, octal perm, size, flags c/d/''] */
  files: Array<[string, string, number, number, string]>;
}

export function rpmRecord(p: Package, installTime: number): RpmRecord {
  return {
    name: p.name,
    epoch: p.epoch,
    version: p.version,
    release: p.release,
    arch: p.arch,
    summary: p.summary,
    description: p.description,
    group: p.group,
    license: p.license,
    url: p.url,
    vendor: p.vendor,
    packager: p.maintainer,
    buildHost: p.buildHost,
    buildTime: p.buildTime,
    installTime,
    sourceRpm: p.source || `${p.name}-${p.version}-${p.release}.src.rpm`,
    size: installedSize(p),
    requires: p.depends,
    provides: p.provides,
    files: [...p.files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => [f.path, f.type === 'dir' ? 'd' : f.type === 'symlink' ? 'l' : 'f', f.perm, f.size, f.config ? 'c' : f.doc ? 'd' : '']),
  };
}

/** The index files of an RPM 4.3 database besides Packages (empty here). */
const RPM_INDEXES = 'Basenames Conflictname Dirnames Filemd5s Group Installtid Name Providename Provideversion Pubkeys Requirename Requireversion Sha1header Sigmd5 Triggername';

/** The text of /var/lib/rpm/Packages for a list of packages installed at `installTime`. */
export function rpmDatabaseText(packages: Package[], installTime: number): string {
  return packages.map((p, i) => JSON.stringify(rpmRecord(p, installTime + i)) + '\n').join('');
}

/** An RPM database as a layout fragment under `root` ('' for the machine's own). */
export function rpmDatabaseLayout(packages: Package[], installTime: number, root = ''): FsLayout {
  const layout: FsLayout = { [`${root}/var/lib/rpm`]: { dir: true } };
  layout[`${root}/var/lib/rpm/Packages`] = { content: rpmDatabaseText(packages, installTime) };
  for (const name of RPM_INDEXES.split(' ')) layout[`${root}/var/lib/rpm/${name}`] = { content: '' };
  return layout;
}

/**
 * The host's RPM database: the RHEL 4 base and the lecture's server packages, installed on
 * 2006-02-15 (before the lecture's demonstrations), and the /bin/rpm program file.
 */
let hostRpmDatabaseCache: FsLayout | undefined;

/** The host's RPM database as layout entries; built once (every world boots the same host). */
export function hostRpmDatabaseLayout(): FsLayout {
  if (hostRpmDatabaseCache) return { ...hostRpmDatabaseCache };
  const all = rhel4Packages();
  const names = [...RPM_BASE, ...RPM_SERVER_EXTRA];
  for (const name of all.keys()) if (!names.includes(name)) names.push(name);
  hostRpmDatabaseCache = {
    ...rpmDatabaseLayout(names.map((n) => all.get(n)).filter((p): p is Package => p !== undefined), 1139999000),
    '/bin/rpm': { program: 'rpm', perm: 0o755 },
  };
  return { ...hostRpmDatabaseCache };
}
