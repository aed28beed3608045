/**
 * Simulated packages of the lecture's distributions (RHEL 4, Fedora Core 4, Debian sarge and
 * etch): what a package manager knows about a package and the files it installs. Pure data; the
 * package programs (core/programs/packages) install them into a root and keep their databases.
 */

export type Family = 'rpm' | 'deb';

export type DistributionName = 'rhel4' | 'fc4' | 'sarge' | 'etch';

export interface PackageFile {
  /** Absolute path inside the root. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits (no type bits). */
  perm: number;
  uid?: number;
  gid?: number;
  /** Size in bytes of a regular file (the length of `content` when there is one). */
  size: number;
  /** The built-in program this executable runs (`/bin/ls` → 'ls'). */
  program?: string;
  /** Literal content (configuration files, scripts, small text files). Otherwise zero-filled. */
  content?: string;
  /** Symbolic link target. */
  target?: string;
  /** A configuration file (RPM %config, a Debian conffile). */
  config?: boolean;
  /** Documentation (RPM %doc). */
  doc?: boolean;
}

export interface Package {
  name: string;
  /** RPM epoch or Debian epoch; 0 when none. */
  epoch: number;
  /** Upstream version (RPM Version; Debian upstream part). */
  version: string;
  /** RPM Release; Debian revision ('' for native packages). */
  release: string;
  arch: string;
  summary: string;
  /** Long description, lines without the Debian leading space. */
  description: string;
  /** RPM Group, or Debian Section. */
  group: string;
  /** Debian Priority (required, important, standard, optional, extra). */
  priority: string;
  license: string;
  url: string;
  /** Debian Maintainer, or RPM Packager. */
  maintainer: string;
  /** RPM Vendor. */
  vendor: string;
  buildHost: string;
  /** Epoch seconds. */
  buildTime: number;
  /** RPM source package file name, or Debian Source (when it differs from the name). */
  source: string;
  /**
   * Dependencies. RPM: capability names (`glibc`, `libapr-0.so.0`, `perl(DBI)`), each optionally
   * with a version relation (`httpd >= 2.0.40`). Debian: `Depends:` items, each an alternative
   * list (`apache2-mpm-worker (>= 2.0.54-5) | apache2-mpm-prefork (>= 2.0.54-5)`).
   */
  depends: string[];
  /** Debian Pre-Depends. */
  preDepends: string[];
  recommends: string[];
  suggests: string[];
  conflicts: string[];
  /** Capabilities (RPM) or virtual packages (Debian) this package provides, besides its name. */
  provides: string[];
  /** Debian Essential: yes. */
  essential: boolean;
  files: PackageFile[];
  /** Init scripts this package ships (names under /etc/init.d), started by its post-install. */
  services: string[];
  /** /etc/passwd and /etc/group lines its pre-install script adds (useradd, adduser). */
  users: string[];
  groups: string[];
  /** Size of the .rpm / .deb archive in bytes. */
  archiveSize: number;
}

export interface Distribution {
  name: DistributionName;
  family: Family;
  /** Human title: "Red Hat Enterprise Linux AS release 4 (Nahant Update 3)", "Debian GNU/Linux 3.1". */
  title: string;
  /** Debian suite / codename, or the RPM distribution tag. */
  codename: string;
  /** The simulated mirror: host and path (`http://ftp.debian.org/debian`). */
  mirror: string;
  /** Repository component or yum repository id. */
  component: string;
  /** Every package of the distribution (the simulated repository), by name. */
  packages: Map<string, Package>;
  /** What `vserver … build` installs (debootstrap's base, util-vserver's package lists). */
  base: string[];
  /** The lecture's typical server: the base plus sshd, Apache, PHP and MySQL (about 300 MB). */
  server: string[];
  /** Package manager versions (`rpm --version`, `apt-get --version`…). */
  tools: Record<string, string>;
}

/** An RPM-style name-version-release. */
export function nvr(p: Package): string {
  return `${p.name}-${p.version}-${p.release}`;
}

/** A Debian version string: [epoch:]upstream[-revision]. */
export function debVersion(p: Package): string {
  return `${p.epoch ? `${p.epoch}:` : ''}${p.version}${p.release ? `-${p.release}` : ''}`;
}

/** The version a family shows: `3.0-19.2` (RPM), `1:3.8.1p1-8.sarge.4` (Debian). */
export function fullVersion(p: Package, family: Family): string {
  return family === 'deb' ? debVersion(p) : `${p.version}-${p.release}`;
}

/** Installed size in bytes (the sum of the regular files). */
export function installedSize(p: Package): number {
  let n = 0;
  for (const f of p.files) if (f.type === 'file') n += f.size;
  return n;
}

/** The archive's file name: httpd-2.0.52-22.ent.i386.rpm, apache2_2.0.54-5_i386.deb. */
export function archiveName(p: Package, family: Family): string {
  if (family === 'rpm') return `${nvr(p)}.${p.arch}.rpm`;
  return `${p.name}_${p.version}${p.release ? `-${p.release}` : ''}_${p.arch}.deb`;
}
