/**
 * The built-in stand-in for a distribution install: the smallest RHEL/Fedora-like or Debian-like
 * system a guest can boot with `rc 3` (syslogd, klogd, crond, sshd) and be entered with a shell
 * whose prompt names the guest. The package tools (core/programs/packages, core/world/distributions)
 * replace it with real package sets through `setDistributionInstaller` (install.ts).
 */
import { redhatServicesLayout } from '../../../world/presets/init-scripts.js';
import type { FsLayout } from '../../../world/layout.js';

export type Family = 'rpm' | 'deb';

export interface DistributionInfo {
  family: Family;
  /** /etc/redhat-release, or /etc/debian_version. */
  release: string;
  /** util-vserver ships an `initpre` script for it (rpm distributions without one get a warning). */
  initpre: boolean;
}

/** The distributions the build methods know (`-d NAME`), as util-vserver's distributions directory would. */
export const DISTRIBUTIONS: Readonly<Record<string, DistributionInfo>> = {
  rhel4: { family: 'rpm', release: 'Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\n', initpre: false },
  centos4: { family: 'rpm', release: 'CentOS release 4.3 (Final)\n', initpre: true },
  fc4: { family: 'rpm', release: 'Fedora Core release 4 (Stentz)\n', initpre: true },
  sarge: { family: 'deb', release: '3.1\n', initpre: false },
  etch: { family: 'deb', release: '4.0\n', initpre: false },
};

/** Programs of the minimal system, by directory (all built-in programs). */
const PROGRAMS: Record<string, string> = {
  '/bin': 'bash cat chgrp chmod chown cp date dd df echo egrep false fgrep grep gawk hostname kill ln ls mkdir mknod mktemp more mount mv nice ps pwd rm rmdir sed sleep sort stty sync tar touch true umount uname',
  '/sbin': 'ifconfig init ip killall5 pidof route syslogd klogd',
  '/usr/bin': 'basename cut dirname du env find free head id killall less nano nohup pgrep pkill printf readlink seq stat tail tee top tr tty uniq uptime vmstat wc which whoami xargs yes',
  '/usr/sbin': 'chroot crond sshd',
};

function programs(): FsLayout {
  const layout: FsLayout = {};
  for (const [dir, names] of Object.entries(PROGRAMS)) for (const name of names.split(' ')) layout[`${dir}/${name}`] = { program: name, perm: 0o755 };
  layout['/bin/sh'] = { symlink: 'bash' };
  layout['/bin/awk'] = { symlink: 'gawk' };
  layout['/usr/bin/vi'] = { symlink: 'nano' };
  return layout;
}

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:99:99:Nobody:/:/sbin/nologin\nsshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin\n';
const GROUP = 'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\ntty:x:5:\nnobody:x:99:\nsshd:x:74:\n';

/** The directories every guest has. */
function skeleton(): FsLayout {
  return {
    '/root': { dir: true, perm: 0o750 },
    '/tmp': { dir: true, perm: 0o1777 },
    '/var/tmp': { dir: true, perm: 0o1777 },
    '/var/run': { dir: true },
    '/var/lock': { dir: true },
    '/var/log/messages': { content: '', perm: 0o600 },
    '/var/empty/sshd': { dir: true, perm: 0o711 },
    '/home': { dir: true },
    '/mnt': { dir: true },
    '/usr/share/doc': { dir: true },
    '/lib': { dir: true },
    '/usr/lib': { dir: true },
    '/etc/passwd': { content: PASSWD },
    '/etc/group': { content: GROUP },
    '/etc/shadow': { content: 'root:!!:13298:0:99999:7:::\n', perm: 0o400 },
    '/etc/shells': { content: '/bin/sh\n/bin/bash\n' },
    '/etc/ssh/sshd_config': { content: '#Port 22\n#ListenAddress 0.0.0.0\nProtocol 2\nSyslogFacility AUTHPRIV\nPermitRootLogin yes\n' },
    '/etc/syslog.conf': { content: '*.info;mail.none;authpriv.none;cron.none\t\t/var/log/messages\n' },
  };
}

/** RHEL 4's /etc/rc.d/rc, shortened: stop what runs and should not, start what should and does not. */
const REDHAT_RC = `#! /bin/bash
#
# rc            This file is responsible for starting/stopping
#               services when the runlevel changes.

runlevel=$1

# First, run the KILL scripts.
for i in /etc/rc$runlevel.d/K* ; do
	[ -x "$i" ] || continue
	# Check if the subsystem is already up.
	subsys=\${i#/etc/rc$runlevel.d/K??}
	[ -f /var/lock/subsys/$subsys -o -f /var/lock/subsys/$subsys.init ] || continue
	$i stop
done

# Now run the START scripts.
for i in /etc/rc$runlevel.d/S* ; do
	[ -x "$i" ] || continue
	# Check if the subsystem is already up.
	subsys=\${i#/etc/rc$runlevel.d/S??}
	[ -f /var/lock/subsys/$subsys -o -f /var/lock/subsys/$subsys.init ] && continue
	$i start
done
exit 0
`;

function redhatGuest(info: DistributionInfo): FsLayout {
  return {
    ...skeleton(),
    ...programs(),
    ...redhatServicesLayout({ scripts: ['syslog', 'crond', 'sshd'], running: [] }),
    '/etc/rc.d/rc': { content: REDHAT_RC, perm: 0o755 },
    '/etc/rc': { symlink: 'rc.d/rc' },
    '/etc/redhat-release': { content: info.release },
    '/etc/inittab': { content: 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\nl3:3:wait:/etc/rc.d/rc 3\nl6:6:wait:/etc/rc.d/rc 6\n' },
    '/etc/sysconfig/network': { content: 'NETWORKING=yes\n' },
    '/etc/profile': { content: 'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\nHOSTNAME=`/bin/hostname`\nHISTSIZE=1000\nexport PATH HOSTNAME HISTSIZE\n' },
    '/etc/bashrc': { content: '# /etc/bashrc\n[ "$PS1" ] && PS1="[\\u@\\h \\W]\\\\$ "\n' },
    '/root/.bash_profile': { content: '# .bash_profile\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n' },
    '/root/.bashrc': { content: "# .bashrc\nalias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\nif [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n" },
    '/var/lock/subsys': { dir: true },
  };
}

/** sysv-rc's /etc/init.d/rc, shortened. */
const DEBIAN_RC = `#! /bin/sh
#
# rc
#
# Starts/stops services on runlevel changes.

runlevel=$1
for i in /etc/rc$runlevel.d/K[0-9][0-9]*; do
	[ -x "$i" ] || continue
	$i stop
done
for i in /etc/rc$runlevel.d/S[0-9][0-9]*; do
	[ -x "$i" ] || continue
	$i start
done
exit 0
`;

/** A sarge-style script that starts a daemon directly (the real ones use start-stop-daemon). */
function debianScript(title: string, what: string, exec: string, pidfile: string): string {
  return `#! /bin/sh
PATH=/sbin:/bin:/usr/sbin:/usr/bin
test -x ${exec} || exit 0
case "$1" in
  start)
	echo -n "Starting ${title}: ${what}"
	${exec}
	echo "."
	;;
  stop)
	echo -n "Stopping ${title}: ${what}"
	[ -f ${pidfile} ] && kill \`cat ${pidfile}\`
	echo "."
	;;
  *)
	echo "Usage: /etc/init.d/${what} {start|stop}"
	exit 1
esac
exit 0
`;
}

function debianGuest(info: DistributionInfo): FsLayout {
  const layout: FsLayout = {
    ...skeleton(),
    ...programs(),
    '/etc/debian_version': { content: info.release },
    '/etc/init.d/rc': { content: DEBIAN_RC, perm: 0o755 },
    '/etc/init.d/sysklogd': { content: debianScript('system log daemon', 'syslogd', '/sbin/syslogd', '/var/run/syslogd.pid'), perm: 0o755 },
    '/etc/init.d/cron': { content: debianScript('periodic command scheduler', 'cron', '/usr/sbin/crond', '/var/run/crond.pid'), perm: 0o755 },
    '/etc/profile': { content: 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nif [ "$PS1" ]; then\n  if [ "$BASH" ]; then\n    PS1=\'\\u@\\h:\\w\\$ \'\n  fi\nfi\nexport PATH\numask 022\n' },
    '/root/.bashrc': { content: "# ~/.bashrc: executed by bash(1) for non-login shells.\nexport PS1='\\h:\\w\\$ '\numask 022\n" },
  };
  for (const [name, start, stop] of [['sysklogd', 10, 90], ['cron', 89, 11]] as const) {
    for (const level of [0, 1, 6]) layout[`/etc/rc${level}.d/K${stop}${name}`] = { symlink: `../init.d/${name}` };
    for (const level of [2, 3, 4, 5]) layout[`/etc/rc${level}.d/S${start}${name}`] = { symlink: `../init.d/${name}` };
  }
  return layout;
}

/** The minimal guest of a distribution (undefined for one the table does not know). */
export function minimalGuestLayout(distribution: string): FsLayout | undefined {
  const info = DISTRIBUTIONS[distribution];
  if (!info) return undefined;
  return info.family === 'rpm' ? redhatGuest(info) : debianGuest(info);
}

/** Every program name the minimal guests install (their files must run). */
export function minimalGuestPrograms(): string[] {
  return Object.values(PROGRAMS).flatMap((names) => names.split(' '));
}
