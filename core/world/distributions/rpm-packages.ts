/**
 * The RPM distributions: Red Hat Enterprise Linux AS 4 Update 3 (early 2006, the lecture's host)
 * and Fedora Core 4 with its 2006 updates. Both share the file lists; versions, sizes and a few
 * names (php 4 / php 5) differ. Sizes are installed sizes in KiB of the i386 packages.
 */
import { REDHAT_FUNCTIONS, REDHAT_INIT_SCRIPTS, REDHAT_SYSCONFIG_INIT } from '../presets/init-scripts.js';
import type { PkgDef } from './define.js';

export type RpmFlavor = 'rhel4' | 'fc4';

type Versions = Record<string, readonly [rhel4: string, fc4: string]>;

/** name → [RHEL 4 U3 version-release, FC4 version-release]; `E:` marks an epoch. */
const VERSIONS: Versions = {
  setup: ['2.5.37-1.3', '2.5.44-1'],
  filesystem: ['2.3.0-1', '2.3.4-1'],
  basesystem: ['8.0-4', '8.0-5'],
  'redhat-release': ['4AS-3', '4AS-3'],
  'fedora-release': ['4-2', '4-2'],
  'glibc-common': ['2.3.4-2.19', '2.3.5-10.3'],
  glibc: ['2.3.4-2.19', '2.3.5-10.3'],
  libgcc: ['3.4.5-2', '4.0.2-8.fc4'],
  'libstdc++': ['3.4.5-2', '4.0.2-8.fc4'],
  termcap: ['5.4-3', '5.4-6'],
  libtermcap: ['2.0.8-39', '2.0.8-41'],
  ncurses: ['5.4-13', '5.4-19'],
  readline: ['4.3-13', '5.0-3'],
  zlib: ['1.2.1.2-1.2', '1.2.2.2-5.fc4'],
  'bzip2-libs': ['1.0.2-13.EL4.3', '1.0.2-16'],
  bzip2: ['1.0.2-13.EL4.3', '1.0.2-16'],
  libselinux: ['1.19.1-7', '1.23.11-1'],
  libattr: ['2.4.16-3', '2.4.21-1'],
  libacl: ['2.2.23-5', '2.2.28-1'],
  pam: ['0.77-66.14', '0.79-9.6'],
  cracklib: ['2.7-29', '2.8.2-1'],
  'cracklib-dicts': ['2.7-29', '2.8.2-1'],
  db4: ['4.2.52-7.1', '4.3.27-5.fc4'],
  gdbm: ['1.8.0-24', '1.8.0-25'],
  bash: ['3.0-19.2', '3.0-31'],
  coreutils: ['5.2.1-31', '5.2.1-48.1'],
  procps: ['3.2.3-8.3', '3.2.5-6.3'],
  psmisc: ['21.4-4.1', '21.5-5'],
  'util-linux': ['2.12a-16.EL4.16', '2.12p-9.12'],
  sed: ['4.1.2-4', '4.1.4-1'],
  grep: ['2.5.1-32.2', '2.5.1-48.2'],
  gawk: ['3.1.3-10.1', '3.1.4-5.2'],
  findutils: ['1:4.1.20-7.el4.1', '1:4.2.20-1'],
  tar: ['1.14-9.RHEL4', '1.15.1-10.FC4'],
  gzip: ['1.3.3-15.rhel4', '1.3.5-6'],
  less: ['382-4', '382-7'],
  which: ['2.16-4', '2.16-6'],
  diffutils: ['2.8.1-12', '2.8.1-13'],
  cpio: ['2.5-9.RHEL4', '2.6-7.FC4'],
  'net-tools': ['1.60-37.EL4.6', '1.60-52'],
  iproute: ['2.6.9-3', '2.6.11-1'],
  iputils: ['20020927-18.EL4.3', '20020927-22'],
  ethtool: ['1.8-4', '3-1'],
  mingetty: ['1.07-3', '1.07-5'],
  SysVinit: ['2.85-34.3', '2.85-39'],
  initscripts: ['7.93.24.EL-1.1', '8.11.1-1'],
  chkconfig: ['1.3.13.3-1', '1.3.20-1'],
  'module-init-tools': ['3.1-0.pre5.3.2', '3.1-3'],
  e2fsprogs: ['1.35-12.3.EL4', '1.37-4'],
  'shadow-utils': ['2:4.0.3-60.RHEL4', '2:4.0.7-9'],
  passwd: ['0.68-10.1', '0.69-3'],
  libuser: ['0.52.5-1.el4.1', '0.53.7-1'],
  glib2: ['2.4.7-1', '2.6.6-1'],
  sysklogd: ['1.4.1-26_EL', '1.4.1-30'],
  'vixie-cron': ['4:4.1-36.EL4', '4:4.1-36.FC4'],
  crontabs: ['1.10-7', '1.10-7'],
  logrotate: ['3.7.1-5.RHEL4', '3.7.1-10'],
  mktemp: ['3:1.5-20', '3:1.5-22'],
  info: ['4.7-5', '4.8-4'],
  MAKEDEV: ['3.15.2-3', '3.19-1'],
  man: ['1.5o1-7.rhel4', '1.5p-4'],
  'man-pages': ['1.67-7', '2.02-1'],
  groff: ['1.18.1.1-3', '1.18.1.1-5'],
  popt: ['1.9.1-13_nonptl', '1.10.1-21'],
  beecrypt: ['3.1.0-6', '4.1.2-7'],
  'elfutils-libelf': ['0.97-5', '0.108-1'],
  'rpm-libs': ['4.3.3-13_nonptl', '4.4.1-21'],
  rpm: ['4.3.3-13_nonptl', '4.4.1-21'],
  'rpm-python': ['4.3.3-13_nonptl', '4.4.1-21'],
  python: ['2.3.4-14.1', '2.4.1-2'],
  libxml2: ['2.6.16-6', '2.6.20-1.FC4'],
  'libxml2-python': ['2.6.16-6', '2.6.20-1.FC4'],
  'python-elementtree': ['1.2.6-4', '1.2.6-4'],
  sqlite: ['3.2.2-1', '3.1.2-3'],
  'python-sqlite': ['1.1.6-1', '1.1.6-1'],
  'python-urlgrabber': ['2.9.6-2', '2.9.6-1'],
  yum: ['2.4.2-2.centos4', '2.4.1-1.fc4'],
  openssl: ['0.9.7a-43.8', '0.9.7f-7.10'],
  'krb5-libs': ['1.3.4-27', '1.4.1-5'],
  tcp_wrappers: ['7.6-37.2', '7.6-39'],
  expat: ['1.95.7-4', '1.95.8-6'],
  openldap: ['2.2.13-4', '2.2.29-1.FC4'],
  'cyrus-sasl': ['2.1.19-5.EL4', '2.1.20-5'],
  libidn: ['0.5.6-1', '0.5.15-1'],
  openssh: ['3.9p1-8.RHEL4.12', '4.2p1-fc4.10'],
  'openssh-server': ['3.9p1-8.RHEL4.12', '4.2p1-fc4.10'],
  'openssh-clients': ['3.9p1-8.RHEL4.12', '4.2p1-fc4.10'],
  'vim-minimal': ['1:6.3.046-0.40E.7', '1:6.3.086-0.fc4'],
  'vim-common': ['1:6.3.046-0.40E.7', '1:6.3.086-0.fc4'],
  'vim-enhanced': ['1:6.3.046-0.40E.7', '1:6.3.086-0.fc4'],
  nano: ['1.2.4-1', '1.3.7-1'],
  rsync: ['2.6.3-1', '2.6.6-2.FC4'],
  nc: ['1.10-22', '1.10-24'],
  apr: ['0.9.4-24.5', '0.9.6-3.1'],
  'apr-util': ['0.9.4-21', '0.9.6-2'],
  httpd: ['2.0.52-22.ent', '2.0.54-10.3'],
  mailcap: ['2.1.17-1', '2.1.19-1'],
  php: ['4.3.9-3.12', '5.0.4-10.5'],
  'php-pear': ['4.3.9-3.12', '5.0.4-10.5'],
  'php-mysql': ['4.3.9-3.12', '5.0.4-10.5'],
  curl: ['7.12.1-8', '7.13.1-5.fc4'],
  gmp: ['4.1.4-3', '4.1.4-3'],
  mysql: ['4.1.20-1.RHEL4.1', '4.1.16-1.FC4.1'],
  'mysql-server': ['4.1.20-1.RHEL4.1', '4.1.16-1.FC4.1'],
  perl: ['3:5.8.5-24.RHEL4', '3:5.8.6-24'],
  'perl-DBI': ['1.40-8', '1.48-4'],
  'perl-DBD-MySQL': ['2.9004-3.1', '2.9006-1'],
};

/** Packages the RPM guests get from `vserver … build -m apt-rpm` (util-vserver's lists). */
export const RPM_BASE = [
  'setup', 'filesystem', 'basesystem', 'glibc-common', 'glibc', 'libgcc', 'libstdc++', 'termcap', 'libtermcap', 'ncurses',
  'readline', 'zlib', 'bzip2-libs', 'bzip2', 'libselinux', 'libattr', 'libacl', 'pam', 'cracklib', 'cracklib-dicts', 'db4',
  'gdbm', 'bash', 'coreutils', 'procps', 'psmisc', 'util-linux', 'sed', 'grep', 'gawk', 'findutils', 'tar', 'gzip', 'less',
  'which', 'diffutils', 'cpio', 'net-tools', 'iproute', 'iputils', 'ethtool', 'mingetty', 'SysVinit', 'initscripts', 'chkconfig',
  'module-init-tools', 'e2fsprogs', 'shadow-utils', 'passwd', 'libuser', 'glib2', 'sysklogd', 'vixie-cron', 'crontabs',
  'logrotate', 'mktemp', 'info', 'MAKEDEV', 'man', 'man-pages', 'groff', 'popt', 'beecrypt', 'elfutils-libelf', 'rpm-libs',
  'rpm', 'rpm-python', 'python', 'libxml2', 'libxml2-python', 'python-elementtree', 'sqlite', 'python-sqlite',
  'python-urlgrabber', 'yum', 'openssl', 'krb5-libs', 'tcp_wrappers', 'expat', 'openldap', 'cyrus-sasl', 'libidn', 'vim-minimal',
  'tzdata', 'pcre',
];

/** What the lecture's typical server adds: sshd, Apache, PHP and MySQL (dependencies follow). */
export const RPM_SERVER_EXTRA = ['openssh-server', 'openssh-clients', 'httpd', 'php', 'php-mysql', 'mysql-server'];

const GUEST_PASSWD = `root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
news:x:9:13:news:/etc/news:
uucp:x:10:14:uucp:/var/spool/uucp:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
gopher:x:13:30:gopher:/var/gopher:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:99:99:Nobody:/:/sbin/nologin
`;

const GUEST_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin,adm
adm:x:4:root,adm,daemon
tty:x:5:
disk:x:6:root
lp:x:7:daemon,lp
mem:x:8:
kmem:x:9:
wheel:x:10:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
man:x:15:
games:x:20:
gopher:x:30:
dip:x:40:
ftp:x:50:
lock:x:54:
nobody:x:99:
users:x:100:
floppy:x:19:
utmp:x:22:
`;

const HTTPD_CONF = `#
# Based upon the NCSA server configuration files originally by Rob McCool.
#
# This is the main Apache server configuration file.  It contains the
# configuration directives that give the server its instructions.
# See <URL:http://httpd.apache.org/docs-2.0/> for detailed information.
#
### Section 1: Global Environment
#
ServerTokens OS
ServerRoot "/etc/httpd"
PidFile run/httpd.pid
Timeout 120
KeepAlive Off
MaxKeepAliveRequests 100
KeepAliveTimeout 15

<IfModule prefork.c>
StartServers       8
MinSpareServers    5
MaxSpareServers   20
ServerLimit      256
MaxClients       256
MaxRequestsPerChild  4000
</IfModule>

#Listen 12.34.56.78:80
Listen 80

LoadModule access_module modules/mod_access.so
LoadModule auth_module modules/mod_auth.so
LoadModule log_config_module modules/mod_log_config.so
LoadModule mime_module modules/mod_mime.so
LoadModule dir_module modules/mod_dir.so
LoadModule alias_module modules/mod_alias.so
LoadModule cgi_module modules/mod_cgi.so

Include conf.d/*.conf

User apache
Group apache

### Section 2: 'Main' server configuration
ServerAdmin root@localhost
#ServerName new.host.name:80
UseCanonicalName Off
DocumentRoot "/var/www/html"

<Directory "/var/www/html">
    Options Indexes FollowSymLinks
    AllowOverride None
    Order allow,deny
    Allow from all
</Directory>

DirectoryIndex index.html index.html.var
ErrorLog logs/error_log
LogLevel warn
LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined
CustomLog logs/access_log combined
ServerSignature On
`;

const SSHD_CONFIG = `#	$OpenBSD: sshd_config,v 1.69 2004/05/23 23:59:53 dtucker Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

#Port 22
#Protocol 2,1
Protocol 2
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

# HostKey for protocol version 1
#HostKey /etc/ssh/ssh_host_key
# HostKeys for protocol version 2
#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_dsa_key

#SyslogFacility AUTH
SyslogFacility AUTHPRIV
#LogLevel INFO

#PermitRootLogin yes
#StrictModes yes
PasswordAuthentication yes
ChallengeResponseAuthentication no
GSSAPIAuthentication yes
GSSAPICleanupCredentials yes
UsePAM yes
X11Forwarding yes
#UsePrivilegeSeparation yes
#PidFile /var/run/sshd.pid

# override default of no subsystems
Subsystem	sftp	/usr/libexec/openssh/sftp-server
`;

const MY_CNF = `[mysqld]
datadir=/var/lib/mysql
socket=/var/lib/mysql/mysql.sock
# Default to using old password format for compatibility with mysql 3.x
# clients (those using the mysqlclient10 compatibility package).
old_passwords=1

[mysql.server]
user=mysql
basedir=/var/lib

[mysqld_safe]
err-log=/var/log/mysqld.log
pid-file=/var/run/mysqld/mysqld.pid
`;

const PHP_CONF = `#
# PHP is an HTML-embedded scripting language which attempts to make it
# easy for developers to write dynamically generated webpages.
#

LoadModule php{M}_module modules/libphp{M}.so

#
# Cause the PHP interpreter handle files with a .php extension.
#
<Files *.php>
    SetOutputFilter PHP
    SetInputFilter PHP
    LimitRequestBody 524288
</Files>

#
# Add index.php to the list of files that will be served as directory
# indexes.
#
DirectoryIndex index.php
`;

const YUM_CONF = (flavor: RpmFlavor) => `[main]
cachedir=/var/cache/yum
debuglevel=2
logfile=/var/log/yum.log
pkgpolicy=newest
distroverpkg=${flavor === 'rhel4' ? 'redhat-release' : 'fedora-release'}
tolerant=1
exactarch=1
obsoletes=1
gpgcheck=1
plugins=1

# PUT YOUR REPOS HERE OR IN separate files named file.repo
# in /etc/yum.repos.d
`;

const YUM_REPO = (flavor: RpmFlavor) =>
  flavor === 'rhel4'
    ? `[base]
name=Red Hat Enterprise Linux 4 - Base
baseurl=http://mirror.unilim.fr/rhel/4/os/$basearch/
gpgcheck=1
gpgkey=file:///usr/share/rhn/RPM-GPG-KEY
`
    : `[base]
name=Fedora Core $releasever - $basearch - Base
baseurl=http://download.fedora.redhat.com/pub/fedora/linux/core/$releasever/$basearch/os/
enabled=1
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-fedora
`;

const COREUTILS_BIN = 'cat chgrp chmod chown cp date dd df echo false ln ls mkdir mknod mv nice pwd rm rmdir sleep sort stty su sync touch true uname';
const COREUTILS_USRBIN =
  '[ basename cksum comm csplit cut dir dircolors dirname du env expand expr factor fmt fold groups head hostid id install join link logname md5sum mkfifo nl nohup od paste pathchk pinky pr printenv printf ptx readlink seq sha1sum shred split stat sum tac tail tee test tr tsort tty unexpand uniq unlink users vdir wc who whoami yes';

const lines = (dir: string, names: string, suffix = ''): string =>
  names
    .split(/\s+/)
    .filter(Boolean)
    .map((n) => `${dir}/${n}${suffix}`)
    .join('\n');

/** The RPM packages of a flavour as definitions (see define.ts for the notation). */
export function rpmPackageDefs(flavor: RpmFlavor): PkgDef[] {
  const at = flavor === 'rhel4' ? 0 : 1;
  const v = (name: string): string => {
    const entry = VERSIONS[name];
    if (!entry) throw new Error(`no version for ${name}`);
    return entry[at];
  };
  const up = (name: string): string => v(name).replace(/^\d+:/, '').replace(/-[^-]*$/, '');
  const glibcV = up('glibc');
  const perlV = up('perl');
  const pyV = flavor === 'rhel4' ? '2.3' : '2.4';
  const phpMajor = flavor === 'rhel4' ? '4' : '5';
  const phpLib = flavor === 'rhel4' ? '/usr/lib/php4' : '/usr/lib/php/modules';
  const release = flavor === 'rhel4' ? 'redhat-release' : 'fedora-release';
  const RH = 'Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>';
  const defs: PkgDef[] = [
    {
      name: 'setup',
      v: v('setup'),
      arch: 'noarch',
      kb: 420,
      sum: 'A set of system configuration and setup files.',
      desc: 'The setup package contains a set of important system configuration and\nsetup files, such as passwd, group, and profile.',
      license: 'public domain',
      files: `/etc/passwd c\n/etc/group c\n/etc/shadow c p0400\n/etc/gshadow c p0400\n/etc/hosts c\n/etc/hosts.allow c\n/etc/hosts.deny c\n/etc/services c 19k\n/etc/protocols c 6k\n/etc/profile c\n/etc/bashrc c\n/etc/shells c\n/etc/motd c\n/etc/inputrc c\n/etc/filesystems c\n/etc/exports c\n/etc/printcap c\n/etc/csh.cshrc c\n/etc/csh.login c\n/etc/environment c\n/etc/profile.d/\n/var/log/lastlog 0 c`,
      docs: 'uidgid',
      content: {
        '/etc/passwd': GUEST_PASSWD,
        '/etc/group': GUEST_GROUP,
        '/etc/shadow': 'root:!!:13298:0:99999:7:::\nbin:*:13298:0:99999:7:::\ndaemon:*:13298:0:99999:7:::\nnobody:*:13298:0:99999:7:::\n',
        '/etc/gshadow': 'root:::root\nbin:::root,bin,daemon\n',
        '/etc/hosts': '# Do not remove the following line, or various programs\n# that require network functionality will fail.\n127.0.0.1\t\tlocalhost.localdomain localhost\n',
        '/etc/shells': '/bin/sh\n/bin/bash\n/sbin/nologin\n',
        '/etc/motd': '',
        '/etc/profile': '# /etc/profile\n\n# System wide environment and startup programs, for login setup\n\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\nHOSTNAME=`/bin/hostname`\nHISTSIZE=1000\nexport PATH HOSTNAME HISTSIZE\n\nfor i in /etc/profile.d/*.sh ; do\n    if [ -r "$i" ]; then\n        . $i\n    fi\ndone\nunset i\n',
        '/etc/bashrc': "# /etc/bashrc\n\n# System wide functions and aliases\n# Environment stuff goes in /etc/profile\n\nif [ \"$PS1\" ]; then\n    PS1=\"[\\u@\\h \\W]\\\\$ \"\nfi\n",
      },
    },
    {
      name: 'filesystem',
      v: v('filesystem'),
      kb: 0,
      sum: 'The basic directory layout for a Linux system.',
      desc: 'The filesystem package is one of the basic packages that is installed on\na Red Hat Linux system. Filesystem contains the basic directory layout\nfor a Linux operating system, including the correct permissions for the\ndirectories.',
      license: 'public domain',
      files: [
        '/bin/', '/boot/', '/dev/', '/etc/', '/etc/X11/', '/etc/opt/', '/etc/skel/', '/etc/xinetd.d/', '/home/', '/initrd/', '/lib/',
        '/media/', '/mnt/', '/opt/', '/proc/ p0555', '/root/ p0750', '/sbin/', '/selinux/', '/srv/', '/sys/', '/tmp/ p1777', '/usr/',
        '/usr/bin/', '/usr/etc/', '/usr/games/', '/usr/include/', '/usr/lib/', '/usr/libexec/', '/usr/local/', '/usr/local/bin/',
        '/usr/local/etc/', '/usr/local/lib/', '/usr/local/sbin/', '/usr/local/share/', '/usr/local/src/', '/usr/sbin/', '/usr/share/',
        '/usr/share/doc/', '/usr/share/info/', '/usr/share/locale/', '/usr/share/man/', '/usr/share/man/man1/', '/usr/share/man/man2/',
        '/usr/share/man/man3/', '/usr/share/man/man4/', '/usr/share/man/man5/', '/usr/share/man/man6/', '/usr/share/man/man7/',
        '/usr/share/man/man8/', '/usr/share/misc/', '/usr/src/', '/usr/tmp -> ../var/tmp', '/var/', '/var/cache/', '/var/empty/ p0711',
        '/var/lib/', '/var/lib/misc/', '/var/local/', '/var/lock/', '/var/log/', '/var/mail -> spool/mail', '/var/nis/', '/var/opt/',
        '/var/preserve/', '/var/run/', '/var/spool/', '/var/spool/mail/ p1777', '/var/tmp/ p1777', '/var/yp/',
        ...['cs', 'da', 'de', 'es', 'fi', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt_BR', 'ru', 'sv', 'zh_CN', 'zh_TW'].flatMap((l) => [
          `/usr/share/locale/${l}/`,
          `/usr/share/locale/${l}/LC_MESSAGES/`,
        ]),
      ].join('\n'),
    },
    { name: 'basesystem', v: v('basesystem'), arch: 'noarch', kb: 0, sum: 'The skeleton package which defines a simple Red Hat Linux system.', deps: 'setup filesystem', desc: 'Basesystem defines the components of a basic Red Hat Linux system (for\nexample, the package installation order to use during bootstrapping).\nBasesystem should be the first package installed on a system, and it\nshould never be removed.' },
    flavor === 'rhel4'
      ? {
          name: 'redhat-release',
          v: v('redhat-release'),
          kb: 40,
          sum: 'Red Hat Enterprise Linux release file',
          desc: 'Red Hat Enterprise Linux release files',
          license: 'GPL',
          files: '/etc/redhat-release c\n/etc/issue c\n/etc/issue.net c\n/usr/share/rhn/ \n/usr/share/rhn/RPM-GPG-KEY 1.9k',
          docs: 'EULA GPL',
          content: {
            '/etc/redhat-release': 'Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\n',
            '/etc/issue': 'Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\nKernel \\r on an \\m\n\n',
            '/etc/issue.net': 'Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\nKernel \\r on an \\m\n',
          },
        }
      : {
          name: 'fedora-release',
          v: v('fedora-release'),
          arch: 'noarch',
          kb: 60,
          sum: 'Fedora Core release file',
          desc: 'Fedora Core release file',
          license: 'GFDL',
          prov: 'redhat-release',
          files: '/etc/fedora-release c\n/etc/redhat-release -> fedora-release\n/etc/issue c\n/etc/issue.net c\n/etc/pki/rpm-gpg/\n/etc/pki/rpm-gpg/RPM-GPG-KEY-fedora 1.5k\n/etc/yum.repos.d/\n/etc/yum.repos.d/fedora-core.repo c',
          docs: 'GPL',
          content: {
            '/etc/fedora-release': 'Fedora Core release 4 (Stentz)\n',
            '/etc/issue': 'Fedora Core release 4 (Stentz)\nKernel \\r on an \\m\n\n',
            '/etc/issue.net': 'Fedora Core release 4 (Stentz)\nKernel \\r on an \\m\n',
            '/etc/yum.repos.d/fedora-core.repo': YUM_REPO('fc4'),
          },
        },
    {
      name: 'glibc-common',
      v: v('glibc-common'),
      kb: flavor === 'rhel4' ? 73_900 : 76_400,
      sum: 'Common binaries and locale data for glibc',
      desc: 'The glibc-common package includes common binaries for the GNU libc\nlibraries, as well as national language (locale) support.',
      license: 'LGPL',
      url: 'http://sources.redhat.com/glibc/',
      deps: 'tzdata',
      mo: 'libc',
      files: `/usr/bin/catchsegv\n/usr/bin/gencat\n/usr/bin/getconf\n/usr/bin/getent\n/usr/bin/iconv\n/usr/bin/locale\n/usr/bin/localedef\n/usr/bin/rpcgen\n/usr/bin/sprof\n/usr/bin/tzselect -\n/usr/lib/locale/\n/usr/lib/locale/locale-archive *\n/usr/lib/locale/locale-archive.tmpl *\n/usr/share/i18n/\n/usr/share/i18n/charmaps/\n/usr/share/i18n/charmaps/UTF-8.gz 80k\n/usr/share/i18n/charmaps/ISO-8859-15.gz 3k\n/usr/share/i18n/locales/\n/usr/share/i18n/locales/fr_FR\n/usr/share/i18n/locales/en_US\n/usr/share/i18n/locales/de_DE\n/usr/share/zoneinfo/\n/usr/share/zoneinfo/Europe/\n/usr/share/zoneinfo/Europe/Paris 2.9k\n/usr/share/zoneinfo/Europe/London 3.6k\n/usr/share/zoneinfo/UTC 56\n/usr/share/zoneinfo/America/\n/usr/share/zoneinfo/America/New_York 3.5k\n/usr/share/zoneinfo/zone.tab 17k\n/usr/sbin/zdump\n/usr/sbin/zic`,
      docs: 'README NEWS INSTALL FAQ BUGS NOTES PROJECTS CONFORMANCE COPYING COPYING.LIB',
      man: '1:catchsegv getconf iconv locale localedef 8:zdump zic',
    },
    {
      name: 'glibc',
      v: v('glibc'),
      arch: 'i686',
      kb: flavor === 'rhel4' ? 13_200 : 13_900,
      sum: 'The GNU libc libraries.',
      desc: 'The glibc package contains standard libraries which are used by\nmultiple programs on the system. In order to save disk space and\nmemory, as well as to make upgrading easier, common system code is\nkept in one place and shared between programs. This particular package\ncontains the most important sets of shared libraries: the standard C\nlibrary and the standard math library. Without these two libraries, a\nLinux system will not function.',
      license: 'LGPL',
      url: 'http://sources.redhat.com/glibc/',
      deps: 'glibc-common basesystem',
      prov: 'libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 libcrypt.so.1 libresolv.so.2 librt.so.1 libutil.so.1 libnsl.so.1 ld-linux.so.2',
      files: `/lib/ld-${glibcV}.so 106k\n/lib/ld-linux.so.2 -> ld-${glibcV}.so\n/lib/libc-${glibcV}.so 1.5M\n/lib/libc.so.6 -> libc-${glibcV}.so\n/lib/libm-${glibcV}.so 175k\n/lib/libm.so.6 -> libm-${glibcV}.so\n/lib/libpthread-0.10.so 100k\n/lib/libpthread.so.0 -> libpthread-0.10.so\n/lib/libdl-${glibcV}.so 16k\n/lib/libdl.so.2 -> libdl-${glibcV}.so\n/lib/libcrypt-${glibcV}.so 26k\n/lib/libcrypt.so.1 -> libcrypt-${glibcV}.so\n/lib/libnsl-${glibcV}.so 83k\n/lib/libnsl.so.1 -> libnsl-${glibcV}.so\n/lib/libresolv-${glibcV}.so 77k\n/lib/libresolv.so.2 -> libresolv-${glibcV}.so\n/lib/librt-${glibcV}.so 40k\n/lib/librt.so.1 -> librt-${glibcV}.so\n/lib/libutil-${glibcV}.so 12k\n/lib/libutil.so.1 -> libutil-${glibcV}.so\n/lib/libnss_files-${glibcV}.so 46k\n/lib/libnss_files.so.2 -> libnss_files-${glibcV}.so\n/lib/libnss_dns-${glibcV}.so 20k\n/lib/libnss_dns.so.2 -> libnss_dns-${glibcV}.so\n/lib/tls/\n/lib/tls/libc-${glibcV}.so 1.5M\n/lib/tls/libc.so.6 -> libc-${glibcV}.so\n/lib/tls/libpthread-${glibcV}.so 95k\n/lib/tls/libpthread.so.0 -> libpthread-${glibcV}.so\n/usr/lib/gconv/\n/usr/lib/gconv/gconv-modules c 40k\n/usr/lib/gconv/gconv-modules.cache 300k\n/usr/lib/gconv/ISO8859-1.so *\n/usr/lib/gconv/ISO8859-15.so *\n/usr/lib/gconv/UTF-16.so *\n/usr/lib/gconv/BIG5.so *\n/usr/lib/gconv/EUC-JP.so *\n/usr/lib/gconv/GBK.so *\n/usr/lib/gconv/IBM850.so *\n/usr/lib/gconv/KOI8-R.so *\n/usr/lib/gconv/libJIS.so *\n/usr/lib/gconv/libGB.so *\n/sbin/ldconfig 660k\n/sbin/sln\n/usr/bin/ldd\n/usr/sbin/glibc_post_upgrade\n/usr/libexec/pt_chown p4755\n/etc/ld.so.conf c\n/etc/ld.so.cache 12k\n/etc/localtime 2.9k\n/etc/nsswitch.conf c\n/etc/rpc c\n/etc/default/\n/etc/default/nss c`,
      content: {
        '/etc/ld.so.conf': 'include ld.so.conf.d/*.conf\n',
        '/etc/nsswitch.conf': '#\n# /etc/nsswitch.conf\n#\npasswd:     files\nshadow:     files\ngroup:      files\n\nhosts:      files dns\n\nbootparams: nisplus [NOTFOUND=return] files\n\nethers:     files\nnetmasks:   files\nnetworks:   files\nprotocols:  files\nrpc:        files\nservices:   files\n\nnetgroup:   files\n\npublickey:  nisplus\n\nautomount:  files\naliases:    files nisplus\n',
      },
    },
    { name: 'tzdata', v: flavor === 'rhel4' ? '2006a-2.EL4' : '2006a-2.fc4', arch: 'noarch', kb: 2_900, sum: 'Timezone data', desc: 'This package contains data files with rules for various timezones around\nthe world.', license: 'GPL', files: '/usr/share/zoneinfo/posix/\n/usr/share/zoneinfo/right/\n/usr/share/zoneinfo/posix/Europe-Paris *\n/usr/share/zoneinfo/right/Europe-Paris *\n/usr/share/zoneinfo/iso3166.tab 4.4k', docs: 'README' },
    { name: 'libgcc', v: v('libgcc'), kb: 60, sum: 'GCC version 3.4 shared support library', license: 'GPL', files: '/lib/libgcc_s-3.4.5-20051201.so.1 44k\n/lib/libgcc_s.so.1 -> libgcc_s-3.4.5-20051201.so.1' },
    { name: 'libstdc++', v: v('libstdc++'), kb: 930, sum: 'GNU Standard C++ Library', license: 'GPL', deps: 'glibc libgcc', files: '/usr/lib/libstdc++.so.6.0.3 *\n/usr/lib/libstdc++.so.6 -> libstdc++.so.6.0.3' },
    { name: 'termcap', v: v('termcap'), arch: 'noarch', kb: 720, sum: 'The terminal feature database used by certain applications.', license: 'none', files: '/etc/termcap c 700k' },
    { name: 'libtermcap', v: v('libtermcap'), kb: 25, sum: 'A basic system library for accessing the termcap database.', license: 'LGPL', deps: 'glibc termcap', files: '/lib/libtermcap.so.2.0.8 11k\n/lib/libtermcap.so.2 -> libtermcap.so.2.0.8' },
    { name: 'ncurses', v: v('ncurses'), kb: 5_700, sum: 'A terminal handling library', license: 'distributable', deps: 'glibc', files: '/lib/libncurses.so.5.4 *\n/lib/libncurses.so.5 -> libncurses.so.5.4\n/usr/lib/libform.so.5.4\n/usr/lib/libmenu.so.5.4\n/usr/lib/libpanel.so.5.4\n/usr/bin/clear\n/usr/bin/infocmp\n/usr/bin/reset -> tset\n/usr/bin/tic\n/usr/bin/tput\n/usr/bin/tset\n/usr/share/terminfo/\n/usr/share/terminfo/l/\n/usr/share/terminfo/l/linux 1.7k\n/usr/share/terminfo/v/\n/usr/share/terminfo/v/vt100 1.2k\n/usr/share/terminfo/x/\n/usr/share/terminfo/x/xterm 3.2k\n/usr/share/terminfo/x/xterm-color 1.5k\n/usr/share/terminfo/terminfo.db *', man: '1:clear infocmp tic tput tset' },
    { name: 'readline', v: v('readline'), kb: 340, sum: 'A library for editing typed command lines.', license: 'GPL', deps: 'glibc libtermcap', files: `/usr/lib/libreadline.so.${up('readline').slice(0, 3)} *\n/usr/lib/libhistory.so.${up('readline').slice(0, 3)}`, docs: 'CHANGES COPYING NEWS README' },
    { name: 'zlib', v: v('zlib'), kb: 130, sum: 'The zlib compression and decompression library.', license: 'BSD', deps: 'glibc', files: `/usr/lib/libz.so.${up('zlib')} *\n/usr/lib/libz.so.1 -> libz.so.${up('zlib')}`, docs: 'ChangeLog FAQ README' },
    { name: 'bzip2-libs', v: v('bzip2-libs'), kb: 75, sum: 'Libraries for applications using bzip2', license: 'BSD', deps: 'glibc', files: '/usr/lib/libbz2.so.1.0.2 *\n/usr/lib/libbz2.so.1 -> libbz2.so.1.0.2' },
    { name: 'bzip2', v: v('bzip2'), kb: 140, sum: 'A file compression utility.', license: 'BSD', deps: 'bzip2-libs glibc', files: '/usr/bin/bzip2\n/usr/bin/bunzip2 -> bzip2\n/usr/bin/bzcat -> bzip2\n/usr/bin/bzip2recover\n/usr/bin/bzgrep\n/usr/bin/bzmore', man: '1:bzip2 bunzip2 bzcat bzip2recover bzgrep bzmore', docs: 'LICENSE CHANGES README' },
    { name: 'libselinux', v: v('libselinux'), kb: 120, sum: 'SELinux library and simple utilities', license: 'Public domain (uncopyrighted)', deps: 'glibc', files: '/lib/libselinux.so.1 *\n/usr/sbin/getenforce\n/usr/sbin/setenforce\n/usr/sbin/selinuxenabled\n/usr/sbin/matchpathcon', man: '8:getenforce setenforce selinuxenabled' },
    { name: 'libattr', v: v('libattr'), kb: 40, sum: 'Dynamic library for extended attribute support.', license: 'LGPL', deps: 'glibc', files: '/lib/libattr.so.1.1.0 *\n/lib/libattr.so.1 -> libattr.so.1.1.0' },
    { name: 'libacl', v: v('libacl'), kb: 60, sum: 'Dynamic library for access control list support.', license: 'GPL', deps: 'glibc libattr', files: '/lib/libacl.so.1.1.0 *\n/lib/libacl.so.1 -> libacl.so.1.1.0' },
    {
      name: 'pam',
      v: v('pam'),
      kb: 2_500,
      sum: 'A security tool which provides authentication for applications',
      desc: 'PAM (Pluggable Authentication Modules) is a system security tool that\nallows system administrators to set authentication policy without\nhaving to recompile programs that handle authentication.',
      license: 'GPL or BSD',
      deps: 'glibc cracklib cracklib-dicts db4 libselinux',
      mo: 'Linux-PAM',
      files: '/etc/pam.d/\n/etc/pam.d/other c\n/etc/pam.d/system-auth c\n/etc/security/\n/etc/security/access.conf c\n/etc/security/limits.conf c\n/etc/security/pam_env.conf c\n/etc/security/time.conf c\n/lib/libpam.so.0.77 *\n/lib/libpam_misc.so.0.77\n/lib/security/\n/lib/security/pam_unix.so *\n/lib/security/pam_env.so\n/lib/security/pam_deny.so\n/lib/security/pam_permit.so\n/lib/security/pam_limits.so\n/lib/security/pam_nologin.so\n/lib/security/pam_securetty.so\n/lib/security/pam_stack.so\n/lib/security/pam_cracklib.so\n/lib/security/pam_rootok.so\n/lib/security/pam_wheel.so\n/lib/security/pam_console.so\n/sbin/pam_console_apply\n/sbin/pam_tally\n/sbin/pwdb_chkpwd p4755\n/sbin/unix_chkpwd p4755',
      content: {
        '/etc/pam.d/system-auth': '#%PAM-1.0\n# This file is auto-generated.\n# User changes will be destroyed the next time authconfig is run.\nauth        required      /lib/security/$ISA/pam_env.so\nauth        sufficient    /lib/security/$ISA/pam_unix.so likeauth nullok\nauth        required      /lib/security/$ISA/pam_deny.so\n\naccount     required      /lib/security/$ISA/pam_unix.so\n\npassword    requisite     /lib/security/$ISA/pam_cracklib.so retry=3\npassword    sufficient    /lib/security/$ISA/pam_unix.so nullok use_authtok md5 shadow\npassword    required      /lib/security/$ISA/pam_deny.so\n\nsession     required      /lib/security/$ISA/pam_limits.so\nsession     required      /lib/security/$ISA/pam_unix.so\n',
      },
      docs: 'Copyright',
    },
    { name: 'cracklib', v: v('cracklib'), kb: 180, sum: 'A password-checking library.', license: 'Artistic', deps: 'glibc', files: '/usr/lib/libcrack.so.2.7 *\n/usr/sbin/mkdict\n/usr/sbin/packer' },
    { name: 'cracklib-dicts', v: v('cracklib-dicts'), kb: 7_800, sum: 'The standard CrackLib dictionaries.', license: 'Artistic', deps: 'cracklib', files: '/usr/lib/cracklib_dict.hwm 1k\n/usr/lib/cracklib_dict.pwd *\n/usr/lib/cracklib_dict.pwi *\n/usr/sbin/create-cracklib-dict' },
    { name: 'db4', v: v('db4'), kb: 1_950, sum: 'The Berkeley DB database library (version 4) for C.', license: 'BSD', deps: 'glibc', files: '/lib/libdb-4.2.so *\n/usr/lib/libdb_cxx-4.2.so\n/usr/bin/berkeley_db_svc' },
    { name: 'gdbm', v: v('gdbm'), kb: 60, sum: 'A GNU set of database routines which use extensible hashing.', license: 'GPL', deps: 'glibc', files: '/usr/lib/libgdbm.so.2.0.0 *\n/usr/lib/libgdbm.so.2 -> libgdbm.so.2.0.0' },
    {
      name: 'bash',
      v: v('bash'),
      kb: 4_900,
      sum: `The GNU Bourne Again shell (bash) version ${up('bash')}.`,
      desc: `The GNU Bourne Again shell (Bash) is a shell or command language\ninterpreter that is compatible with the Bourne shell (sh). Bash\nincorporates useful features from the Korn shell (ksh) and the C shell\n(csh). Most sh scripts can be run by bash without modification. This\npackage (bash) contains bash version ${up('bash')}, which improves POSIX\ncompliance over previous versions.`,
      group: 'System Environment/Shells',
      license: 'GPL',
      url: 'http://www.gnu.org/software/bash',
      deps: 'glibc libtermcap mktemp',
      prov: '/bin/sh /bin/bash',
      files: '/bin/bash 686k\n/bin/sh -> bash\n/usr/bin/bashbug\n/etc/skel/.bashrc c\n/etc/skel/.bash_profile c\n/etc/skel/.bash_logout c\n/usr/share/info/bash.info.gz 96k\n/usr/share/doc/bash-{V}/loadables/ \n/usr/share/doc/bash-{V}/loadables/README\n/usr/share/doc/bash-{V}/bash.html *',
      docs: 'CHANGES COMPAT FAQ INTRO NEWS NOTES POSIX README',
      man: '1:bash bashbug sh builtins',
      content: {
        '/etc/skel/.bashrc': "# .bashrc\n\n# Source global definitions\nif [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n\n# User specific aliases and functions\n",
        '/etc/skel/.bash_profile': '# .bash_profile\n\n# Get the aliases and functions\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n\n# User specific environment and startup programs\n\nPATH=$PATH:$HOME/bin\n\nexport PATH\nunset USERNAME\n',
        '/etc/skel/.bash_logout': '# ~/.bash_logout\n\nclear\n',
      },
    },
    {
      name: 'coreutils',
      v: v('coreutils'),
      kb: 7_950,
      sum: 'The GNU core utilities: a set of tools commonly used in shell scripts',
      desc: 'These are the GNU core utilities.  This package is the combination of\nthe old GNU fileutils, sh-utils, and textutils packages.',
      license: 'GPL',
      url: 'http://www.gnu.org/software/coreutils/',
      deps: 'glibc libacl libattr libselinux pam grep findutils',
      prov: 'fileutils sh-utils textutils stat',
      mo: 'coreutils',
      files: `${lines('/bin', COREUTILS_BIN)}\n/bin/ls 81k\n/bin/cp 62k\n/bin/mv 59k\n${lines('/usr/bin', COREUTILS_USRBIN)}\n/usr/sbin/chroot\n/etc/DIR_COLORS c\n/etc/DIR_COLORS.xterm c\n/etc/profile.d/colorls.sh c\n/etc/profile.d/colorls.csh c\n/etc/pam.d/su c\n/etc/pam.d/runuser c\n/sbin/runuser\n/usr/share/info/coreutils.info.gz 220k`.replace(/\n\/bin\/ls\n/, '\n').replace(/\n\/bin\/cp\n/, '\n').replace(/\n\/bin\/mv\n/, '\n'),
      docs: 'ABOUT-NLS ChangeLog NEWS README THANKS TODO COPYING',
      man: `1:${(COREUTILS_BIN + ' ' + COREUTILS_USRBIN).replace('[ ', '')} 8:chroot`,
    },
    { name: 'procps', v: v('procps'), kb: 560, sum: 'System and process monitoring utilities.', desc: 'The procps package contains a set of system utilities that provide\nsystem information. Procps includes ps, free, skill, pkill, pgrep,\nsnice, tload, top, uptime, vmstat, w, watch and pdwx.', license: 'GPL', deps: 'glibc ncurses', files: `/bin/ps 72k\n/lib/libproc-${up('procps')}.so 36k\n/sbin/sysctl\n${lines('/usr/bin', 'free pgrep pkill pmap skill slabtop snice tload top uptime vmstat w watch')}`, man: '1:ps free pgrep pkill pmap skill slabtop snice tload top uptime w watch 5:sysctl.conf 8:sysctl vmstat', docs: 'BUGS NEWS TODO COPYING' },
    { name: 'psmisc', v: v('psmisc'), kb: 110, sum: 'Utilities for managing processes on your system.', license: 'GPL', deps: 'glibc ncurses', files: '/sbin/fuser\n/usr/bin/killall\n/usr/bin/pstree\n/usr/bin/pstree.x11 -> pstree', man: '1:fuser killall pstree', mo: 'psmisc' },
    {
      name: 'util-linux',
      v: v('util-linux'),
      kb: 4_750,
      sum: 'A collection of basic system utilities.',
      desc: 'The util-linux package contains a large variety of low-level system\nutilities that are necessary for a Linux system to function. Among\nothers, Util-linux contains the fdisk configuration tool and the login\nprogram.',
      license: 'distributable',
      deps: 'glibc libtermcap ncurses pam zlib libselinux',
      mo: 'util-linux',
      files: `${lines('/bin', 'dmesg kill login more mount umount')}\n${lines('/sbin', 'agetty blockdev cfdisk elvtune fdisk fsck.cramfs hwclock losetup mkfs mkfs.cramfs mkswap nologin pivot_root sfdisk swapoff swapon')}\n${lines('/usr/bin', 'cal chfn chsh col colcrt colrm column cytune ddate flock floppy getopt hexdump ipcrm ipcs logger look mcookie namei newgrp rename renice rev script setsid setterm tailf ul whereis write')}\n${lines('/usr/sbin', 'rdev readprofile vipw vigr')}\n/etc/pam.d/chfn c\n/etc/pam.d/chsh c\n/etc/pam.d/login c\n/etc/pam.d/remote c\n/etc/fdprm c`,
      man: '1:dmesg kill login more mount umount cal chfn chsh col column getopt hexdump ipcs logger look newgrp rename renice rev script setterm ul whereis write 8:agetty blockdev fdisk hwclock losetup mkfs mkswap swapon vipw',
    },
    { name: 'sed', v: v('sed'), kb: 420, sum: 'A GNU stream text editor.', group: 'Applications/Text', license: 'GPL', url: 'http://sed.sourceforge.net/', deps: 'glibc', files: '/bin/sed 52k\n/usr/share/info/sed.info.gz 40k', mo: 'sed', man: '1:sed', docs: 'BUGS NEWS README THANKS' },
    { name: 'grep', v: v('grep'), kb: 550, sum: 'The GNU versions of grep pattern matching utilities.', group: 'Applications/Text', license: 'GPL', deps: 'glibc pcre', files: '/bin/grep 79k\n/bin/egrep -> grep\n/bin/fgrep -> grep\n/usr/share/info/grep.info.gz 18k', mo: 'grep', man: '1:grep egrep fgrep', docs: 'ABOUT-NLS AUTHORS THANKS TODO NEWS README ChangeLog' },
    { name: 'pcre', v: flavor === 'rhel4' ? '4.5-3.2.RHEL4' : '5.0-4', kb: 300, sum: 'Perl-compatible regular expression library', license: 'BSD', deps: 'glibc libstdc++', files: '/lib/libpcre.so.0.0.1 *\n/lib/libpcre.so.0 -> libpcre.so.0.0.1\n/usr/bin/pcregrep\n/usr/bin/pcretest' },
    { name: 'gawk', v: v('gawk'), kb: 4_050, sum: 'The GNU version of the awk text processing utility.', group: 'Applications/Text', license: 'GPL', deps: 'glibc', files: `/bin/gawk 311k\n/bin/awk -> gawk\n/bin/gawk-${up('gawk')} 311k -\n/bin/igawk\n/bin/pgawk\n/usr/libexec/awk/\n/usr/libexec/awk/grcat\n/usr/libexec/awk/pwcat\n/usr/share/awk/\n/usr/share/awk/assert.awk\n/usr/share/awk/getopt.awk\n/usr/share/awk/join.awk\n/usr/share/info/gawk.info.gz *`, mo: 'gawk', man: '1:gawk awk igawk pgawk', docs: 'COPYING FUTURES LIMITATIONS NEWS POSIX.STD PROBLEMS README' },
    { name: 'findutils', v: v('findutils'), kb: 650, sum: 'The GNU versions of find utilities (find and xargs).', license: 'GPL', deps: 'glibc', files: '/usr/bin/find 107k\n/usr/bin/xargs\n/usr/share/info/find.info.gz 36k', mo: 'findutils', man: '1:find xargs', docs: 'NEWS README TODO' },
    { name: 'tar', v: v('tar'), kb: 1_500, sum: 'A GNU file archiving program.', group: 'Applications/Archiving', license: 'GPL', url: 'http://www.gnu.org/software/tar/', deps: 'glibc', files: '/bin/tar 180k\n/usr/share/info/tar.info.gz *', mo: 'tar', man: '1:tar', docs: 'AUTHORS ChangeLog NEWS README THANKS TODO' },
    { name: 'gzip', v: v('gzip'), kb: 210, sum: 'The GNU data compression program.', group: 'Applications/File', license: 'GPL', deps: 'glibc', files: '/bin/gzip 55k\n/bin/gunzip 55k -\n/bin/zcat 55k -\n/usr/bin/gzexe\n/usr/bin/zcmp\n/usr/bin/zdiff\n/usr/bin/zgrep\n/usr/bin/zless\n/usr/bin/zmore\n/usr/bin/znew\n/usr/bin/zforce\n/usr/share/info/gzip.info.gz 11k', man: '1:gzip gunzip zcat zcmp zdiff zgrep zless zmore znew zforce gzexe', docs: 'NEWS README AUTHORS ChangeLog THANKS TODO' },
    { name: 'less', v: v('less'), kb: 200, sum: 'A text file browser similar to more, but better.', group: 'Applications/Text', license: 'GPL', deps: 'glibc ncurses', files: '/usr/bin/less 104k\n/usr/bin/lessecho\n/usr/bin/lesskey\n/usr/bin/lesspipe.sh\n/etc/profile.d/less.sh c\n/etc/profile.d/less.csh c', man: '1:less lessecho lesskey', docs: 'LICENSE' },
    { name: 'which', v: v('which'), kb: 30, sum: 'Displays where a particular program in your path is located.', group: 'Applications/System', license: 'GPL', deps: 'glibc', files: '/usr/bin/which 17k\n/etc/profile.d/which-2.sh c', man: '1:which', docs: 'README NEWS AUTHORS' },
    { name: 'diffutils', v: v('diffutils'), kb: 480, sum: 'A GNU collection of diff utilities.', group: 'Applications/Text', license: 'GPL', deps: 'glibc', files: '/usr/bin/cmp\n/usr/bin/diff 93k\n/usr/bin/diff3\n/usr/bin/sdiff\n/usr/share/info/diff.info.gz 58k', mo: 'diffutils', man: '1:cmp diff diff3 sdiff', docs: 'NEWS README' },
    { name: 'cpio', v: v('cpio'), kb: 320, sum: 'A GNU archiving program.', group: 'Applications/Archiving', license: 'GPL', deps: 'glibc', files: '/bin/cpio 60k\n/usr/share/info/cpio.info.gz 12k', mo: 'cpio', man: '1:cpio', docs: 'AUTHORS ChangeLog NEWS README THANKS TODO' },
    { name: 'net-tools', v: v('net-tools'), kb: 800, sum: 'Basic networking tools.', desc: 'The net-tools package contains basic networking tools, including\nifconfig, netstat, route, and others.', license: 'GPL', url: 'http://www.tazenda.demon.co.uk/phil/net-tools/', deps: 'glibc', files: `${lines('/bin', 'dnsdomainname domainname hostname netstat nisdomainname ypdomainname')}\n${lines('/sbin', 'arp ether-wake ifconfig ipmaddr iptunnel mii-tool nameif plipconfig route slattach')}`, mo: 'net-tools', man: '1:dnsdomainname domainname hostname 8:arp ifconfig netstat route mii-tool' },
    { name: 'iproute', v: v('iproute'), kb: 1_300, sum: 'Advanced IP routing and network device configuration tools.', group: 'Applications/System', license: 'GNU GPL', deps: 'glibc', files: '/sbin/ip 170k\n/sbin/tc\n/sbin/ifcfg\n/sbin/rtmon\n/usr/sbin/arpd\n/usr/sbin/lnstat\n/usr/sbin/nstat\n/usr/sbin/rtacct\n/usr/sbin/ss\n/etc/iproute2/\n/etc/iproute2/rt_dsfield c\n/etc/iproute2/rt_protos c\n/etc/iproute2/rt_realms c\n/etc/iproute2/rt_scopes c\n/etc/iproute2/rt_tables c\n/usr/share/doc/iproute-{V}/ip-cref.ps *', man: '8:ip tc ss', docs: 'README README.iproute2+tc RELNOTES' },
    { name: 'iputils', v: v('iputils'), kb: 240, sum: 'Network monitoring tools including ping.', license: 'BSD', deps: 'glibc', files: '/bin/ping p4755\n/bin/ping6 p4755\n/sbin/arping\n/sbin/clockdiff\n/sbin/rdisc\n/usr/sbin/tracepath\n/usr/sbin/tracepath6\n/usr/sbin/traceroute6 p4755\n/usr/sbin/ping6 -> ../../bin/ping6', man: '8:arping clockdiff ping ping6 rdisc tracepath tracepath6 traceroute6', docs: 'RELNOTES' },
    { name: 'ethtool', v: v('ethtool'), kb: 60, sum: 'Ethernet settings tool for PCI ethernet cards', license: 'GPL', deps: 'glibc', files: '/usr/sbin/ethtool', man: '8:ethtool' },
    { name: 'mingetty', v: v('mingetty'), kb: 20, sum: 'A compact getty program for virtual consoles only.', license: 'GPL', deps: 'glibc', files: '/sbin/mingetty 14k', man: '8:mingetty' },
    {
      name: 'SysVinit',
      v: v('SysVinit'),
      kb: 210,
      sum: 'Programs which control basic system processes.',
      desc: 'The SysVinit package contains a group of processes that control the\nvery basic functions of your system. SysVinit includes the init\nprogram, the first program started by the Linux kernel when the system\nboots. Init then controls the startup, running, and shutdown of all\nother programs.',
      license: 'GPL',
      deps: 'glibc',
      files: '/sbin/halt\n/sbin/init 33k\n/sbin/killall5\n/sbin/pidof -> killall5\n/sbin/poweroff -> halt\n/sbin/reboot -> halt\n/sbin/runlevel\n/sbin/shutdown\n/sbin/sulogin\n/sbin/telinit -> init\n/usr/bin/last\n/usr/bin/lastb -> last\n/usr/bin/mesg\n/usr/bin/utmpdump\n/usr/bin/wall p2555',
      man: '1:last lastb mesg utmpdump wall 8:halt init killall5 pidof poweroff reboot runlevel shutdown sulogin telinit',
      docs: 'Changelog COPYRIGHT',
    },
    {
      name: 'initscripts',
      v: v('initscripts'),
      kb: 4_450,
      sum: 'The inittab file and the /etc/init.d scripts.',
      desc: 'The initscripts package contains the basic system scripts used to boot\nyour Red Hat or Fedora system, change runlevels, and shut the system down\ncleanly.  Initscripts also contains the scripts that activate and\ndeactivate most network interfaces.',
      license: 'GPL',
      deps: 'mingetty bash gawk sed mktemp e2fsprogs procps module-init-tools SysVinit util-linux coreutils grep chkconfig iproute iputils net-tools popt',
      mo: 'initscripts',
      files: `/etc/inittab c\n/etc/initlog.conf c\n/etc/sysctl.conf c\n/etc/rc.d/\n/etc/rc.d/init.d/\n/etc/rc.d/init.d/functions\n/etc/rc.d/init.d/network\n/etc/rc.d/init.d/halt\n/etc/rc.d/init.d/killall\n/etc/rc.d/rc\n/etc/rc.d/rc.sysinit\n/etc/rc.d/rc.local c\n${[0, 1, 2, 3, 4, 5, 6].map((n) => `/etc/rc.d/rc${n}.d/\n/etc/rc${n}.d -> rc.d/rc${n}.d`).join('\n')}\n/etc/init.d -> rc.d/init.d\n/etc/rc -> rc.d/rc\n/etc/rc.sysinit -> rc.d/rc.sysinit\n/etc/rc.local -> rc.d/rc.local\n/etc/sysconfig/\n/etc/sysconfig/init c\n/etc/sysconfig/network-scripts/\n/etc/sysconfig/network-scripts/ifcfg-lo c\n/etc/sysconfig/network-scripts/network-functions -\n/etc/profile.d/lang.sh c\n/etc/profile.d/lang.csh c\n/sbin/initlog\n/sbin/consoletype\n/sbin/service\n/sbin/setsysfont\n/sbin/getkey\n/sbin/ipcalc\n/sbin/netreport p2755\n/sbin/ppp-watch\n/bin/usleep\n/usr/sbin/sys-unconfig\n/usr/sbin/usernetctl p4755\n/var/lock/subsys/\n/var/run/netreport/ p0775\n/var/log/wtmp 0 c p0664\n/var/run/utmp 0 c p0664`,
      man: '1:consoletype initlog usleep 8:service ppp-watch',
      docs: 'sysconfig.txt sysvinitfiles static-routes-ipv6 ChangeLog COPYING',
      content: {
        '/etc/rc.d/init.d/functions': REDHAT_FUNCTIONS,
        '/etc/rc.d/init.d/network': REDHAT_INIT_SCRIPTS.network!,
        '/etc/rc.d/init.d/halt': '#!/bin/bash\n#\n# halt          This file is executed by init when it goes into runlevel\n#               0 (halt) or runlevel 6 (reboot). It kills all processes,\n#               unmounts file systems and then either halts or reboots.\n\n. /etc/init.d/functions\n\ncase "$0" in\n   *halt)\n\tmessage=$"Halting system..."\n\tcommand="/sbin/halt"\n\t;;\n   *reboot)\n\tmessage=$"Please stand by while rebooting the system..."\n\tcommand="/sbin/reboot"\n\t;;\nesac\necho $message\nexec $command -i -d\n',
        '/etc/rc.d/init.d/killall': '#! /bin/bash\n\n# Bring down all unneeded services that are still running (there shouldn\'t\n# be any, so this is just a sanity check)\n\nfor i in /var/lock/subsys/* ; do\n\t# Check if the script is there.\n\t[ ! -f $i ] && continue\n\tsubsys=${i#/var/lock/subsys/}\n\tif [ -x /etc/rc.d/init.d/$subsys ]; then\n\t\t/etc/rc.d/init.d/$subsys stop\n\tfi\ndone\n',
        '/etc/rc.d/rc': '#! /bin/bash\n#\n# rc            This file is responsible for starting/stopping\n#               services when the runlevel changes.\n\nrunlevel=$1\n\n# First, run the KILL scripts.\nfor i in /etc/rc$runlevel.d/K* ; do\n\t[ ! -f $i ] && continue\n\t$i stop\ndone\n\n# Now run the START scripts.\nfor i in /etc/rc$runlevel.d/S* ; do\n\t[ ! -f $i ] && continue\n\t$i start\ndone\n',
        '/etc/rc.d/rc.sysinit': '#!/bin/bash\n#\n# /etc/rc.d/rc.sysinit - run once at boot time\n#\n\nHOSTNAME=`/bin/hostname`\n\nif [ -f /etc/sysconfig/network ]; then\n    . /etc/sysconfig/network\nfi\n',
        '/etc/rc.d/rc.local': "#!/bin/sh\n#\n# This script will be executed *after* all the other init scripts.\n# You can put your own initialization stuff in here if you don't\n# want to do the full Sys V style init stuff.\n\ntouch /var/lock/subsys/local\n",
        '/etc/sysconfig/init': REDHAT_SYSCONFIG_INIT,
        '/etc/sysconfig/network-scripts/ifcfg-lo': 'DEVICE=lo\nIPADDR=127.0.0.1\nNETMASK=255.0.0.0\nNETWORK=127.0.0.0\n# If you\'re having problems with gated making 127.0.0.0/8 a martian,\n# you can change this to something else (255.255.255.255, for example)\nBROADCAST=127.255.255.255\nONBOOT=yes\nNAME=loopback\n',
        '/etc/inittab': '#\n# inittab       This file describes how the INIT process should set up\n#               the system in a certain run-level.\n#\n# Default runlevel. The runlevels used by RHS are:\n#   0 - halt (Do NOT set initdefault to this)\n#   1 - Single user mode\n#   2 - Multiuser, without NFS (The same as 3, if you do not have networking)\n#   3 - Full multiuser mode\n#   4 - unused\n#   5 - X11\n#   6 - reboot (Do NOT set initdefault to this)\n# \nid:3:initdefault:\n\n# System initialization.\nsi::sysinit:/etc/rc.d/rc.sysinit\n\nl0:0:wait:/etc/rc.d/rc 0\nl1:1:wait:/etc/rc.d/rc 1\nl2:2:wait:/etc/rc.d/rc 2\nl3:3:wait:/etc/rc.d/rc 3\nl4:4:wait:/etc/rc.d/rc 4\nl5:5:wait:/etc/rc.d/rc 5\nl6:6:wait:/etc/rc.d/rc 6\n\n# Run gettys in standard runlevels\n1:2345:respawn:/sbin/mingetty tty1\n2:2345:respawn:/sbin/mingetty tty2\n',
        '/etc/sysconfig/network-scripts/network-functions': '# -*-Shell-script-*-\n#\n# This file is not a stand-alone shell script; it provides functions\n# to network scripts that source it.\n',
      },
    },
    { name: 'chkconfig', v: v('chkconfig'), kb: 420, sum: 'A system tool for maintaining the /etc/rc*.d hierarchy.', group: 'System Environment/Base', license: 'GPL', deps: 'glibc popt', files: '/sbin/chkconfig 31k\n/usr/sbin/ntsysv', mo: 'chkconfig', man: '8:chkconfig ntsysv' },
    { name: 'module-init-tools', v: v('module-init-tools'), kb: 520, sum: 'Kernel module management utilities.', license: 'GPL', deps: 'glibc', files: '/sbin/depmod\n/sbin/insmod\n/sbin/lsmod\n/sbin/modinfo\n/sbin/modprobe\n/sbin/rmmod\n/etc/modprobe.conf.dist c', man: '8:depmod insmod lsmod modinfo modprobe rmmod' },
    { name: 'e2fsprogs', v: v('e2fsprogs'), kb: 3_150, sum: 'Utilities for managing the second extended (ext2) filesystem.', license: 'GPL', deps: 'glibc', files: `/lib/libcom_err.so.2.1\n/lib/libe2p.so.2.3\n/lib/libext2fs.so.2.4 *\n/lib/libss.so.2.0\n/lib/libuuid.so.1.2\n/lib/libblkid.so.1.0\n${lines('/sbin', 'badblocks blkid debugfs dumpe2fs e2fsck e2image e2label fsck fsck.ext2 fsck.ext3 mke2fs mkfs.ext2 mkfs.ext3 resize2fs tune2fs')}\n/usr/bin/chattr\n/usr/bin/lsattr\n/usr/bin/uuidgen\n/etc/mke2fs.conf c`, mo: 'e2fsprogs', man: '1:chattr lsattr uuidgen 8:badblocks debugfs dumpe2fs e2fsck e2label fsck mke2fs resize2fs tune2fs' },
    { name: 'shadow-utils', v: v('shadow-utils'), kb: 2_450, sum: 'Utilities for managing accounts and shadow password files.', license: 'BSD', deps: 'glibc libselinux', files: `/etc/default/useradd c\n/etc/login.defs c\n${lines('/usr/bin', 'chage faillog gpasswd lastlog newgrp sg')}\n${lines('/usr/sbin', 'adduser groupadd groupdel groupmod grpck grpconv grpunconv newusers pwck pwconv pwunconv useradd userdel usermod')}`, mo: 'shadow', man: '1:chage gpasswd sg 8:groupadd groupdel groupmod grpck pwck pwconv useradd userdel usermod' },
    { name: 'passwd', v: v('passwd'), kb: 75, sum: 'The passwd utility for setting/changing passwords using PAM.', license: 'BSD', deps: 'pam libuser glib2', files: '/usr/bin/passwd p4511\n/etc/pam.d/passwd c', man: '1:passwd', mo: 'passwd' },
    { name: 'libuser', v: v('libuser'), kb: 1_500, sum: 'A user and group account administration library.', license: 'LGPL', deps: 'glib2 pam', files: '/etc/libuser.conf c\n/usr/lib/libuser.so.1.1.1 *\n/usr/lib/libuser/\n/usr/lib/libuser/libuser_files.so\n/usr/lib/libuser/libuser_shadow.so\n/usr/sbin/lchage\n/usr/sbin/lgroupadd\n/usr/sbin/lgroupdel\n/usr/sbin/lnewusers\n/usr/sbin/luseradd\n/usr/sbin/luserdel\n/usr/sbin/lpasswd', mo: 'libuser' },
    { name: 'glib2', v: v('glib2'), kb: 1_850, sum: 'A library of handy utility functions.', group: 'System Environment/Libraries', license: 'LGPL', deps: 'glibc', files: `/usr/lib/libglib-2.0.so.0.400.7 *\n/usr/lib/libglib-2.0.so.0 -> libglib-2.0.so.0.400.7\n/usr/lib/libgobject-2.0.so.0.400.7\n/usr/lib/libgmodule-2.0.so.0.400.7\n/usr/lib/libgthread-2.0.so.0.400.7\n/etc/profile.d/glib2.sh c`, mo: 'glib20' },
    {
      name: 'sysklogd',
      v: v('sysklogd'),
      kb: 110,
      sum: 'System logging and kernel message trapping daemons.',
      license: 'GPL',
      deps: 'glibc bash logrotate',
      services: 'syslog',
      files: '/sbin/klogd\n/sbin/syslogd\n/etc/syslog.conf c\n/etc/sysconfig/syslog c\n/etc/logrotate.d/syslog c\n/etc/rc.d/init.d/syslog',
      content: { '/etc/rc.d/init.d/syslog': REDHAT_INIT_SCRIPTS.syslog!, '/etc/sysconfig/syslog': 'SYSLOGD_OPTIONS="-m 0"\nKLOGD_OPTIONS="-x"\n', '/etc/syslog.conf': '# Log all kernel messages to the console.\n#kern.*\t\t\t\t\t\t\t/dev/console\n\n*.info;mail.none;authpriv.none;cron.none\t\t/var/log/messages\nauthpriv.*\t\t\t\t\t\t/var/log/secure\nmail.*\t\t\t\t\t\t\t-/var/log/maillog\ncron.*\t\t\t\t\t\t\t/var/log/cron\n*.emerg\t\t\t\t\t\t\t*\n' },
      man: '5:syslog.conf 8:klogd syslogd sysklogd',
      docs: 'ANNOUNCE CHANGES README.1st README.linux',
    },
    {
      name: 'vixie-cron',
      v: v('vixie-cron'),
      kb: 310,
      sum: 'The Vixie cron daemon for executing specified programs at set times.',
      license: 'distributable',
      deps: 'bash syslog crontabs pam',
      services: 'crond',
      files: '/usr/sbin/crond 33k\n/usr/bin/crontab p4755\n/etc/rc.d/init.d/crond\n/etc/pam.d/crond c\n/etc/sysconfig/crond c\n/var/spool/cron/ p0700\n/etc/cron.d/',
      content: { '/etc/rc.d/init.d/crond': REDHAT_INIT_SCRIPTS.crond! },
      man: '1:crontab 5:crontab 8:cron crond',
      docs: 'CHANGES CONVERSION FEATURES MAIL MANIFEST README THANKS',
    },
    { name: 'crontabs', v: v('crontabs'), arch: 'noarch', kb: 6, sum: 'Root crontab files used to schedule the execution of programs.', license: 'Public Domain', files: '/etc/crontab c\n/etc/cron.hourly/\n/etc/cron.daily/\n/etc/cron.weekly/\n/etc/cron.monthly/\n/usr/bin/run-parts', content: { '/etc/crontab': 'SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=root\nHOME=/\n\n# run-parts\n01 * * * * root run-parts /etc/cron.hourly\n02 4 * * * root run-parts /etc/cron.daily\n22 4 * * 0 root run-parts /etc/cron.weekly\n42 4 1 * * root run-parts /etc/cron.monthly\n' } },
    { name: 'logrotate', v: v('logrotate'), kb: 70, sum: 'Rotates, compresses, removes and mails system log files.', license: 'GPL', deps: 'glibc popt', files: '/usr/sbin/logrotate\n/etc/logrotate.conf c\n/etc/logrotate.d/\n/etc/cron.daily/logrotate', content: { '/etc/cron.daily/logrotate': '#!/bin/sh\n\n/usr/sbin/logrotate /etc/logrotate.conf\nEXITVALUE=$?\nexit 0\n' }, man: '8:logrotate' },
    { name: 'mktemp', v: v('mktemp'), kb: 30, sum: 'A small utility for safely making /tmp files.', license: 'BSD', deps: 'glibc', files: '/bin/mktemp 9k', man: '1:mktemp' },
    { name: 'info', v: v('info'), kb: 340, sum: 'A stand-alone TTY-based reader for GNU texinfo documentation.', group: 'System Environment/Base', license: 'GPL', deps: 'glibc ncurses zlib bash', files: '/usr/bin/info 120k\n/usr/bin/infokey\n/sbin/install-info\n/usr/share/info/dir c\n/usr/share/info/info.info.gz 30k', man: '1:info install-info' },
    { name: 'MAKEDEV', v: v('MAKEDEV'), kb: 340, sum: 'A program used for creating device files in /dev.', license: 'GPL', deps: 'shadow-utils', files: '/sbin/MAKEDEV 30k\n/dev/MAKEDEV -> ../sbin/MAKEDEV\n/etc/makedev.d/\n/etc/makedev.d/00macros c\n/etc/makedev.d/01linux-2.6.x c *', man: '8:MAKEDEV' },
    { name: 'man', v: v('man'), kb: 420, sum: 'A set of documentation tools: man, apropos and whatis.', group: 'System Environment/Base', license: 'GPL', deps: 'groff less gzip bzip2 coreutils', files: '/usr/bin/man 45k\n/usr/bin/apropos\n/usr/bin/whatis\n/usr/bin/manpath\n/usr/sbin/makewhatis\n/etc/man.config c\n/var/cache/man/', man: '1:man apropos whatis manpath 8:makewhatis', mo: 'man' },
    { name: 'man-pages', v: v('man-pages'), arch: 'noarch', kb: 3_900, sum: 'Man (manual) pages from the Linux Documentation Project.', group: 'Documentation', license: 'distributable', files: '/usr/share/man/man2/open.2.gz 9k\n/usr/share/man/man2/fork.2.gz 2k\n/usr/share/man/man2/chroot.2.gz 2k\n/usr/share/man/man2/kill.2.gz 2k\n/usr/share/man/man3/printf.3.gz 10k\n/usr/share/man/man5/passwd.5.gz 2k\n/usr/share/man/man5/proc.5.gz 22k\n/usr/share/man/man7/signal.7.gz 5k\n/usr/share/man/man7/capabilities.7.gz 6k\n/usr/share/man/man4/\n/usr/share/man/man4/null.4.gz 1k\n/usr/share/doc/man-pages-{V}/man-pages.tar.gz *', docs: 'README man-pages-{V}.Announce' },
    { name: 'groff', v: v('groff'), kb: 5_100, sum: 'A document formatting system.', group: 'System Environment/Base', license: 'GPL', deps: 'glibc libstdc++', files: '/usr/bin/groff\n/usr/bin/grotty\n/usr/bin/nroff\n/usr/bin/troff 400k\n/usr/bin/tbl\n/usr/bin/eqn\n/usr/bin/pic\n/usr/bin/soelim\n/usr/share/groff/\n/usr/share/groff/{V}/\n/usr/share/groff/{V}/font/ \n/usr/share/groff/{V}/font/devps/ \n/usr/share/groff/{V}/font/devps/TR *\n/usr/share/groff/{V}/font/devps/prologue *\n/usr/share/groff/{V}/tmac/ \n/usr/share/groff/{V}/tmac/an.tmac 18k\n/usr/share/groff/{V}/tmac/doc.tmac 190k', man: '1:groff grotty nroff troff tbl eqn pic soelim' },
    { name: 'popt', v: v('popt'), kb: 90, sum: 'A C library for parsing command line parameters.', license: 'MIT', deps: 'glibc', files: '/usr/lib/libpopt.so.0.0.0 *\n/usr/lib/libpopt.so.0 -> libpopt.so.0.0.0', mo: 'popt' },
    { name: 'beecrypt', v: v('beecrypt'), kb: 400, sum: 'An open source cryptography library.', license: 'LGPL', deps: 'glibc', files: '/usr/lib/libbeecrypt.so.6.1.0 *\n/usr/lib/libbeecrypt.so.6 -> libbeecrypt.so.6.1.0' },
    { name: 'elfutils-libelf', v: v('elfutils-libelf'), kb: 110, sum: 'Library to read and write ELF files.', license: 'OSL', deps: 'glibc', files: '/usr/lib/libelf-0.97.so *\n/usr/lib/libelf.so.1 -> libelf-0.97.so' },
    { name: 'rpm-libs', v: v('rpm-libs'), kb: 2_450, sum: 'Libraries for manipulating RPM packages.', license: 'GPL', deps: 'glibc beecrypt bzip2-libs elfutils-libelf libselinux popt zlib', files: '/usr/lib/librpm-4.3.so *\n/usr/lib/librpmdb-4.3.so *\n/usr/lib/librpmio-4.3.so *\n/usr/lib/librpmbuild-4.3.so *' },
    {
      name: 'rpm',
      v: v('rpm'),
      kb: 4_100,
      sum: 'The RPM package management system.',
      desc: 'The RPM Package Manager (RPM) is a powerful command line driven\npackage management system capable of installing, uninstalling,\nverifying, querying, and updating software packages. Each software\npackage consists of an archive of files along with information about\nthe package like its version, a description, etc.',
      license: 'GPL',
      url: 'http://www.rpm.org/',
      deps: 'rpm-libs popt bash gawk fileutils coreutils findutils sed',
      mo: 'rpm',
      files: '/bin/rpm 83k\n/usr/bin/rpm2cpio\n/usr/bin/rpmdb -> ../../bin/rpm\n/usr/bin/rpmquery -> ../../bin/rpm\n/usr/bin/rpmsign -> ../../bin/rpm\n/usr/bin/rpmverify -> ../../bin/rpm\n/usr/lib/rpm/\n/usr/lib/rpm/macros *\n/usr/lib/rpm/rpmpopt-{V} 20k\n/usr/lib/rpm/rpmrc 16k\n/usr/lib/rpm/i386-linux/\n/usr/lib/rpm/i386-linux/macros 4k\n/var/lib/rpm/\n/var/lib/rpm/Packages 0 c\n/etc/rpm/\n/etc/cron.daily/rpm',
      content: { '/etc/cron.daily/rpm': '#!/bin/sh\n\n/bin/rpm -qa --qf \'%{name}-%{version}-%{release}.%{arch}.rpm\\n\' 2>&1 \\\n\t| /bin/sort > /var/log/rpmpkgs\n' },
      man: '8:rpm rpm2cpio',
      docs: 'CHANGES GROUPS COPYING CREDITS ChangeLog README',
    },
    { name: 'rpm-python', v: v('rpm-python'), kb: 130, sum: 'Python bindings for apps which will manipulate RPM packages.', license: 'GPL', deps: 'rpm python', files: `/usr/lib/python${pyV}/site-packages/rpmmodule.so *` },
    {
      name: 'python',
      v: v('python'),
      kb: flavor === 'rhel4' ? 21_400 : 23_900,
      sum: 'An interpreted, interactive, object-oriented programming language.',
      desc: 'Python is an interpreted, interactive, object-oriented programming\nlanguage often compared to Tcl, Perl, Scheme or Java. Python includes\nmodules, classes, exceptions, very high level dynamic data types and\ndynamic typing.',
      group: 'Development/Languages',
      license: 'PSF - see LICENSE',
      url: 'http://www.python.org/',
      deps: 'glibc db4 gdbm openssl readline expat bzip2-libs',
      files: `/usr/bin/python\n/usr/bin/python${pyV}\n/usr/bin/python2 -> python\n/usr/bin/pydoc\n/usr/lib/libpython${pyV}.so.1.0\n/usr/lib/python${pyV}/\n/usr/lib/python${pyV}/site-packages/\n/usr/lib/python${pyV}/lib-dynload/\n/usr/lib/python${pyV}/os.py 24k\n/usr/lib/python${pyV}/os.pyc 26k\n/usr/lib/python${pyV}/string.py 16k\n/usr/lib/python${pyV}/re.py 1k\n/usr/lib/python${pyV}/sre_compile.py 15k\n/usr/lib/python${pyV}/urllib.py 50k\n/usr/lib/python${pyV}/xml/ \n/usr/lib/python${pyV}/xml/dom/ \n/usr/lib/python${pyV}/xml/dom/minidom.py 66k\n/usr/lib/python${pyV}/lib-dynload/_socket.so *\n/usr/lib/python${pyV}/lib-dynload/datetime.so *\n/usr/lib/python${pyV}/lib-dynload/zlibmodule.so *\n/usr/lib/python${pyV}/lib-dynload/cPickle.so *\n/usr/lib/python${pyV}/config/\n/usr/lib/python${pyV}/config/libpython${pyV}.a *`,
      man: '1:python',
      docs: 'LICENSE README',
    },
    { name: 'libxml2', v: v('libxml2'), kb: 2_500, sum: 'Library providing XML and HTML support', group: 'Development/Libraries', license: 'MIT', url: 'http://xmlsoft.org/', deps: 'glibc zlib', files: `/usr/lib/libxml2.so.${up('libxml2')} *\n/usr/lib/libxml2.so.2 -> libxml2.so.${up('libxml2')}\n/usr/bin/xmlcatalog\n/usr/bin/xmllint`, man: '1:xmllint xmlcatalog', docs: 'AUTHORS ChangeLog.gz NEWS README Copyright TODO' },
    { name: 'libxml2-python', v: v('libxml2-python'), kb: 1_450, sum: 'Python bindings for the libxml2 library', group: 'Development/Libraries', license: 'MIT', deps: 'libxml2 python', files: `/usr/lib/python${pyV}/site-packages/libxml2.py 300k\n/usr/lib/python${pyV}/site-packages/libxml2mod.so *\n/usr/lib/python${pyV}/site-packages/drv_libxml2.py` },
    { name: 'python-elementtree', v: v('python-elementtree'), kb: 260, sum: 'Fast XML parser and writer', group: 'Development/Libraries', license: 'PSF', deps: 'python', files: `/usr/lib/python${pyV}/site-packages/elementtree/\n/usr/lib/python${pyV}/site-packages/elementtree/ElementTree.py *\n/usr/lib/python${pyV}/site-packages/cElementTree.so *` },
    { name: 'sqlite', v: v('sqlite'), kb: 460, sum: 'Library that implements an embeddable SQL database engine', group: 'Applications/Databases', license: 'Public Domain', deps: 'glibc readline', files: '/usr/bin/sqlite3\n/usr/lib/libsqlite3.so.0.8.6 *\n/usr/lib/libsqlite3.so.0 -> libsqlite3.so.0.8.6' },
    { name: 'python-sqlite', v: v('python-sqlite'), kb: 100, sum: 'Python bindings for sqlite.', group: 'Development/Libraries', license: 'GPL', deps: 'python sqlite', files: `/usr/lib/python${pyV}/site-packages/sqlite/\n/usr/lib/python${pyV}/site-packages/sqlite/main.py\n/usr/lib/python${pyV}/site-packages/_sqlite.so *` },
    { name: 'python-urlgrabber', v: v('python-urlgrabber'), arch: 'noarch', kb: 250, sum: 'A high-level cross-protocol url-grabber', group: 'Development/Libraries', license: 'LGPL', deps: 'python', files: `/usr/lib/python${pyV}/site-packages/urlgrabber/\n/usr/lib/python${pyV}/site-packages/urlgrabber/grabber.py 54k\n/usr/lib/python${pyV}/site-packages/urlgrabber/progress.py 17k\n/usr/lib/python${pyV}/site-packages/urlgrabber/mirror.py 17k\n/usr/bin/urlgrabber` },
    {
      name: 'yum',
      v: v('yum'),
      arch: 'noarch',
      kb: 1_300,
      sum: 'RPM installer/updater',
      desc: 'Yum is a utility that can check for and automatically download and\ninstall updated RPM packages. Dependencies are obtained and downloaded\nautomatically prompting the user as necessary.',
      group: 'System Environment/Base',
      license: 'GPL',
      url: 'http://linux.duke.edu/yum/',
      deps: 'python rpm-python rpm libxml2-python python-sqlite python-urlgrabber python-elementtree',
      files: `/usr/bin/yum 1k\n/etc/yum.conf c\n/etc/yum.repos.d/\n/etc/cron.daily/yum.cron\n/etc/logrotate.d/yum c\n/usr/share/yum-cli/\n/usr/share/yum-cli/cli.py 60k\n/usr/share/yum-cli/output.py 16k\n/usr/share/yum-cli/callback.py 5k\n/usr/lib/python${pyV}/site-packages/yum/\n/usr/lib/python${pyV}/site-packages/yum/__init__.py 60k\n/usr/lib/python${pyV}/site-packages/yum/depsolve.py *\n/usr/lib/python${pyV}/site-packages/yum/packages.py *\n/usr/lib/python${pyV}/site-packages/repomd/\n/usr/lib/python${pyV}/site-packages/repomd/mdparser.py *\n/var/cache/yum/${flavor === 'rhel4' ? '\n/etc/yum.repos.d/rhel-base.repo c' : ''}`,
      content: { '/etc/yum.conf': YUM_CONF(flavor), ...(flavor === 'rhel4' ? { '/etc/yum.repos.d/rhel-base.repo': YUM_REPO('rhel4') } : {}), '/etc/cron.daily/yum.cron': '#!/bin/sh\n\nif [ -f /var/lock/subsys/yum ]; then\n        /usr/bin/yum -R 120 -e 0 -d 0 -y update yum\n        /usr/bin/yum -R 10 -e 0 -d 0 -y update\nfi\n' },
      man: '5:yum.conf 8:yum',
      docs: 'README AUTHORS COPYING TODO INSTALL ChangeLog',
    },
    { name: 'openssl', v: v('openssl'), kb: 3_550, sum: 'The OpenSSL toolkit.', desc: 'The OpenSSL toolkit provides support for secure communications between\nmachines. OpenSSL includes a certificate management tool and shared\nlibraries which provide various cryptographic algorithms and\nprotocols.', license: 'BSDish', url: 'http://www.openssl.org/', deps: 'glibc krb5-libs zlib mktemp', files: `/lib/libcrypto.so.${up('openssl')} *\n/lib/libcrypto.so.4 -> libcrypto.so.${up('openssl')}\n/lib/libssl.so.${up('openssl')} *\n/lib/libssl.so.4 -> libssl.so.${up('openssl')}\n/usr/bin/openssl 300k\n/usr/share/ssl/\n/usr/share/ssl/openssl.cnf c\n/usr/share/ssl/certs/\n/usr/share/ssl/certs/ca-bundle.crt 200k\n/usr/share/ssl/misc/\n/usr/share/ssl/misc/CA -\n/usr/share/ssl/private/ p0700`, man: '1:openssl ca req x509 verify', docs: 'FAQ LICENSE CHANGES NEWS README' },
    { name: 'krb5-libs', v: v('krb5-libs'), kb: 1_350, sum: 'The shared libraries used by Kerberos 5.', license: 'MIT', deps: 'glibc e2fsprogs', files: '/etc/krb5.conf c\n/usr/lib/libkrb5.so.3.2 *\n/usr/lib/libk5crypto.so.3.0\n/usr/lib/libgssapi_krb5.so.2.2\n/usr/lib/libcom_err.so.3.0\n/usr/kerberos/\n/usr/kerberos/bin/\n/usr/kerberos/bin/klist\n/usr/kerberos/bin/kinit', man: '5:krb5.conf' },
    { name: 'tcp_wrappers', v: v('tcp_wrappers'), kb: 150, sum: 'A security tool which acts as a wrapper for TCP daemons.', license: 'Distributable', deps: 'glibc', files: '/usr/lib/libwrap.so.0.7.6 *\n/usr/lib/libwrap.so.0 -> libwrap.so.0.7.6\n/usr/sbin/safe_finger\n/usr/sbin/tcpd\n/usr/sbin/tcpdchk\n/usr/sbin/tcpdmatch\n/usr/sbin/try-from', man: '5:hosts_access hosts_options 8:tcpd tcpdchk tcpdmatch' },
    { name: 'expat', v: v('expat'), kb: 200, sum: 'A library for parsing XML.', license: 'BSD', deps: 'glibc', files: '/usr/lib/libexpat.so.0.5.0 *\n/usr/lib/libexpat.so.0 -> libexpat.so.0.5.0\n/usr/bin/xmlwf' },
    { name: 'openldap', v: v('openldap'), kb: 720, sum: 'The configuration files, libraries, and documentation for OpenLDAP.', license: 'OpenLDAP', deps: 'glibc cyrus-sasl openssl', files: '/etc/openldap/\n/etc/openldap/ldap.conf c\n/usr/lib/liblber-2.2.so.7.0.6 *\n/usr/lib/libldap-2.2.so.7.0.6 *\n/usr/lib/libldap_r-2.2.so.7.0.6 *', man: '5:ldap.conf' },
    { name: 'cyrus-sasl', v: v('cyrus-sasl'), kb: 190, sum: 'The Cyrus SASL library.', license: 'Freely Distributable', deps: 'glibc db4 pam', files: '/usr/lib/libsasl2.so.2.0.19 *\n/usr/lib/libsasl2.so.2 -> libsasl2.so.2.0.19\n/usr/lib/sasl2/\n/usr/sbin/saslauthd\n/usr/sbin/saslpasswd2\n/usr/sbin/sasldblistusers2\n/etc/rc.d/init.d/saslauthd -', man: '8:saslauthd saslpasswd2' },
    { name: 'libidn', v: v('libidn'), kb: 460, sum: 'Internationalized Domain Name support library', license: 'LGPL', deps: 'glibc', files: '/usr/lib/libidn.so.11.4.6 *\n/usr/lib/libidn.so.11 -> libidn.so.11.4.6\n/usr/bin/idn', mo: 'libidn' },
    { name: 'vim-minimal', v: v('vim-minimal'), kb: 720, sum: 'A minimal version of the VIM editor.', group: 'Applications/Editors', license: 'freeware', url: 'http://www.vim.org/', deps: 'glibc libselinux ncurses', files: '/bin/vi 600k\n/bin/ex -> vi\n/bin/rvi -> vi\n/bin/rview -> vi\n/bin/view -> vi\n/etc/virc c' },
    { name: 'vim-common', v: v('vim-common'), kb: 13_800, sum: 'The common files needed by any version of the VIM editor.', group: 'Applications/Editors', license: 'freeware', url: 'http://www.vim.org/', deps: 'glibc', files: '/etc/vimrc c\n/usr/bin/xxd\n/usr/bin/vimtutor\n/usr/share/vim/\n/usr/share/vim/vim63/\n/usr/share/vim/vim63/doc/\n/usr/share/vim/vim63/doc/help.txt 7k\n/usr/share/vim/vim63/syntax/\n/usr/share/vim/vim63/syntax/sh.vim 26k\n/usr/share/vim/vim63/syntax/c.vim 14k\n/usr/share/vim/vim63/syntax/syntax.tgz *\n/usr/share/vim/vim63/doc/doc.tgz *\n/usr/share/vim/vim63/tutor/\n/usr/share/vim/vim63/tutor/tutor 30k', man: '1:vim vimtutor xxd' },
    { name: 'vim-enhanced', v: v('vim-enhanced'), kb: 1_400, sum: 'A version of the VIM editor which includes recent enhancements.', group: 'Applications/Editors', license: 'freeware', url: 'http://www.vim.org/', deps: 'vim-common glibc libselinux ncurses perl', files: '/usr/bin/vim 1.3M\n/usr/bin/ex -> vim\n/usr/bin/rvim -> vim\n/usr/bin/vimdiff -> vim\n/etc/profile.d/vim.sh c\n/etc/profile.d/vim.csh c' },
    { name: 'nano', v: v('nano'), kb: 450, sum: 'A small text editor', group: 'Applications/Editors', license: 'GPL', url: 'http://www.nano-editor.org', deps: 'glibc ncurses', files: '/usr/bin/nano 110k\n/usr/share/info/nano.info.gz 8k\n/etc/nanorc c', mo: 'nano', man: '1:nano 5:nanorc', docs: 'AUTHORS BUGS COPYING ChangeLog NEWS README THANKS TODO' },
    { name: 'rsync', v: v('rsync'), kb: 350, sum: 'A program for synchronizing files over a network.', group: 'Applications/Internet', license: 'GPL', url: 'http://rsync.samba.org/', deps: 'glibc popt', files: '/usr/bin/rsync 250k\n/etc/xinetd.d/rsync c', man: '1:rsync 5:rsyncd.conf', docs: 'COPYING README tech_report.tex' },
    { name: 'nc', v: v('nc'), kb: 60, sum: 'Reads and writes data across network connections using TCP or UDP.', group: 'Applications/Internet', license: 'GPL', deps: 'glibc', files: '/usr/bin/nc 20k', man: '1:nc' },
    { name: 'apr', v: v('apr'), kb: 200, sum: 'Apache Portable Runtime library', group: 'System Environment/Libraries', license: 'Apache Software License', url: 'http://apr.apache.org/', deps: 'glibc', prov: 'libapr-0.so.0', files: `/usr/lib/libapr-0.so.0.${up('apr')} *\n/usr/lib/libapr-0.so.0 -> libapr-0.so.0.${up('apr')}`, docs: 'CHANGES LICENSE NOTICE' },
    { name: 'apr-util', v: v('apr-util'), kb: 190, sum: 'Apache Portable Runtime Utility library', group: 'System Environment/Libraries', license: 'Apache Software License', url: 'http://apr.apache.org/', deps: 'apr db4 expat gdbm openldap', prov: 'libaprutil-0.so.0', files: `/usr/lib/libaprutil-0.so.0.${up('apr-util')} *\n/usr/lib/libaprutil-0.so.0 -> libaprutil-0.so.0.${up('apr-util')}`, docs: 'CHANGES LICENSE NOTICE' },
    {
      name: 'httpd',
      v: v('httpd'),
      kb: 2_950,
      sum: 'The httpd Web server',
      desc: 'The Apache HTTP Server is a powerful, efficient, and extensible\nweb server.',
      group: 'System Environment/Daemons',
      license: 'Apache Software License',
      url: 'http://httpd.apache.org/',
      deps: 'libapr-0.so.0, libaprutil-0.so.0, mailcap, openssl, pcre, zlib, ' + release + ', initscripts >= 4.45, chkconfig, /etc/mime.types, textutils, /usr/sbin/useradd',
      prov: 'webserver, httpd-mmn = 20020903',
      services: 'httpd',
      files: `/etc/httpd/\n/etc/httpd/conf/\n/etc/httpd/conf/httpd.conf c\n/etc/httpd/conf/magic c 11k\n/etc/httpd/conf.d/\n/etc/httpd/conf.d/README d\n/etc/httpd/conf.d/welcome.conf c\n/etc/httpd/logs -> ../../var/log/httpd\n/etc/httpd/modules -> ../../usr/lib/httpd/modules\n/etc/httpd/run -> ../../var/run\n/etc/logrotate.d/httpd c\n/etc/rc.d/init.d/httpd\n/etc/sysconfig/httpd c\n/usr/bin/ab\n/usr/bin/htdbm\n/usr/bin/htdigest\n/usr/bin/htpasswd\n/usr/bin/logresolve\n/usr/sbin/apachectl\n/usr/sbin/httpd 310k\n/usr/sbin/httpd.worker 320k !httpd\n/usr/sbin/rotatelogs\n/usr/sbin/suexec p4510\n/usr/lib/httpd/\n/usr/lib/httpd/modules/\n${'access actions alias asis auth auth_anon auth_dbm auth_digest autoindex cache cern_meta cgi dav dav_fs deflate dir disk_cache env expires headers include info log_config mem_cache mime mime_magic negotiation proxy proxy_connect proxy_ftp proxy_http rewrite setenvif speling status suexec unique_id userdir usertrack vhost_alias'
        .split(' ')
        .map((m) => `/usr/lib/httpd/modules/mod_${m}.so`)
        .join('\n')}\n/var/www/\n/var/www/html/\n/var/www/cgi-bin/\n/var/www/error/\n/var/www/error/HTTP_NOT_FOUND.html.var 13k\n/var/www/error/HTTP_FORBIDDEN.html.var 11k\n/var/www/error/noindex.html 4k\n/var/www/icons/\n/var/www/icons/apache_pb.gif 2.3k\n/var/www/icons/folder.gif 225\n/var/www/icons/text.gif 229\n/var/www/manual/\n/var/www/manual/index.html 8k\n/var/www/manual/manual.tar *\n/var/log/httpd/ p0700\n/var/cache/mod_proxy/ u48 g48`,
      content: { '/etc/httpd/conf/httpd.conf': HTTPD_CONF, '/etc/rc.d/init.d/httpd': REDHAT_INIT_SCRIPTS.httpd!, '/usr/sbin/apachectl': '#!/bin/sh\n#\n# Apache control script designed to allow an easy command line interface\n# to controlling Apache.  Written by Marc Slemko, 1997/08/23\n\n/etc/rc.d/init.d/httpd "$@"\n', '/etc/sysconfig/httpd': '# Configuration file for the httpd service.\n\n#\n# The default processing model (MPM) is the process-based\n# \'prefork\' model.  A thread-based model, \'worker\', is also\n# available, but does not work with some modules (such as PHP).\n#\n#HTTPD=/usr/sbin/httpd.worker\n' },
      users: 'apache:x:48:48:Apache:/var/www:/sbin/nologin',
      groups: 'apache:x:48:',
      man: '8:apachectl httpd rotatelogs suexec 1:ab htdigest htpasswd',
      docs: 'ABOUT_APACHE CHANGES LICENSE README VERSIONING',
    },
    { name: 'mailcap', v: v('mailcap'), arch: 'noarch', kb: 50, sum: 'Associates helper applications with particular file types.', license: 'Public Domain', prov: '/etc/mime.types', files: '/etc/mailcap c\n/etc/mime.types c 14k', man: '4:mailcap' },
    {
      name: 'php',
      v: v('php'),
      kb: flavor === 'rhel4' ? 6_650 : 7_300,
      sum: 'The PHP HTML-embedded scripting language. (PHP: Hypertext Preprocessor)',
      desc: 'PHP is an HTML-embedded scripting language. PHP attempts to make it\neasy for developers to write dynamically generated webpages. PHP also\noffers built-in database integration for several commercial and\nnon-commercial database management systems, so writing a\ndatabase-enabled webpage with PHP is fairly simple. The most common\nuse of PHP coding is probably as a replacement for CGI scripts.',
      group: 'Development/Languages',
      license: 'The PHP License',
      url: 'http://www.php.net/',
      deps: 'httpd-mmn = 20020903, php-pear, curl, gmp, libxml2, openssl, pcre, zlib',
      prov: `mod_php = ${up('php')}`,
      files: `/usr/bin/php 2.5M\n/usr/bin/phpize\n/usr/bin/php-config\n/etc/php.ini c\n/etc/php.d/\n/etc/httpd/conf.d/php.conf c\n/usr/lib/httpd/modules/libphp${phpMajor}.so *\n${phpLib}/\n/var/lib/php/\n/var/lib/php/session/ p0770 g48`,
      content: { '/etc/httpd/conf.d/php.conf': PHP_CONF.replace(/\{M\}/g, phpMajor), '/etc/php.ini': '[PHP]\n\n;;;;;;;;;;;\n; WARNING ;\n;;;;;;;;;;;\n; This is the default settings file for new PHP installations.\n\nengine = On\nshort_open_tag = On\nmax_execution_time = 30\nmemory_limit = 8M\nerror_reporting  =  E_ALL & ~E_NOTICE\ndisplay_errors = Off\nlog_errors = On\nregister_globals = Off\nupload_max_filesize = 2M\n\n[Session]\nsession.save_handler = files\nsession.save_path = "/var/lib/php/session"\n' },
      man: '1:php',
      docs: 'CODING_STANDARDS CREDITS INSTALL LICENSE NEWS README.EXT_SKEL Zend/ZEND_CHANGES',
    },
    { name: 'php-pear', v: v('php-pear'), kb: 1_650, sum: 'PHP Extension and Application Repository components', group: 'System', license: 'The PHP License', url: 'http://pear.php.net/', deps: 'php', files: '/usr/bin/pear\n/usr/share/pear/\n/usr/share/pear/PEAR.php 34k\n/usr/share/pear/DB.php 27k\n/usr/share/pear/DB/\n/usr/share/pear/DB/mysql.php 30k\n/usr/share/pear/Archive/\n/usr/share/pear/Archive/Tar.php *\n/usr/share/pear/Console/\n/usr/share/pear/Console/Getopt.php 8k\n/usr/share/pear/XML/\n/usr/share/pear/XML/Parser.php *\n/usr/share/pear/.registry/ \n/usr/share/pear/.registry/pear.reg 20k' },
    { name: 'php-mysql', v: v('php-mysql'), kb: 160, sum: 'A module for PHP applications that use MySQL databases.', group: 'Development/Languages', license: 'The PHP License', url: 'http://www.php.net/', deps: 'php, libmysqlclient.so.14', prov: 'php_database', files: `${phpLib}/mysql.so *\n/etc/php.d/mysql.ini c`, content: { '/etc/php.d/mysql.ini': '; Enable mysql extension module\nextension=mysql.so\n' } },
    { name: 'curl', v: v('curl'), kb: 430, sum: 'A utility for getting files from remote servers (FTP, HTTP, and others).', group: 'Applications/Internet', license: 'MIT', url: 'http://curl.haxx.se/', deps: 'glibc openssl zlib libidn', files: `/usr/bin/curl 85k\n/usr/lib/libcurl.so.3.0.0 *\n/usr/lib/libcurl.so.3 -> libcurl.so.3.0.0`, man: '1:curl', docs: 'README CHANGES COPYING docs/BUGS docs/FAQ docs/FEATURES' },
    { name: 'gmp', v: v('gmp'), kb: 470, sum: 'A GNU arbitrary precision library.', group: 'System Environment/Libraries', license: 'LGPL', url: 'http://www.swox.com/gmp/', deps: 'glibc', files: '/usr/lib/libgmp.so.3.3.3 *\n/usr/lib/libgmp.so.3 -> libgmp.so.3.3.3\n/usr/lib/libgmpxx.so.3.0.5', docs: 'COPYING NEWS README' },
    {
      name: 'mysql',
      v: v('mysql'),
      kb: 7_200,
      sum: 'MySQL client programs and shared libraries.',
      desc: 'MySQL is a multi-user, multi-threaded SQL database server. MySQL is a\nclient/server implementation consisting of a server daemon (mysqld)\nand many different client programs and libraries. The base package\ncontains the MySQL client programs, the client shared libraries, and\ngeneric MySQL files.',
      group: 'Applications/Databases',
      license: 'GPL',
      url: 'http://www.mysql.com',
      deps: 'glibc libstdc++ ncurses openssl readline zlib perl',
      prov: 'libmysqlclient.so.14',
      files: `${lines('/usr/bin', 'msql2mysql my_print_defaults mysql mysql_config mysql_find_rows mysql_waitpid mysqlaccess mysqladmin mysqlbinlog mysqlcheck mysqldump mysqlimport mysqlshow perror replace resolve_stack_dump resolveip')}\n/usr/bin/mysql 260k\n/usr/lib/mysql/\n/usr/lib/mysql/libmysqlclient.so.14.0.0 *\n/usr/lib/mysql/libmysqlclient.so.14 -> libmysqlclient.so.14.0.0\n/usr/lib/mysql/libmysqlclient_r.so.14.0.0 *\n/etc/ld.so.conf.d/\n/etc/ld.so.conf.d/mysql-i386.conf c\n/etc/my.cnf c\n/usr/share/mysql/\n${['czech', 'danish', 'dutch', 'english', 'estonian', 'french', 'german', 'greek', 'hungarian', 'italian', 'japanese', 'korean', 'norwegian', 'polish', 'portuguese', 'romanian', 'russian', 'slovak', 'spanish', 'swedish', 'ukrainian'].map((l) => `/usr/share/mysql/${l}/\n/usr/share/mysql/${l}/errmsg.sys 10k`).join('\n')}\n/usr/share/mysql/charsets/\n/usr/share/mysql/charsets/Index.xml 18k`.replace('\n/usr/bin/mysql\n', '\n'),
      content: { '/etc/my.cnf': MY_CNF, '/etc/ld.so.conf.d/mysql-i386.conf': '/usr/lib/mysql\n' },
      man: '1:mysql mysqladmin mysqldump mysqlshow mysqlcheck mysqlimport mysql_config perror replace',
      docs: 'README COPYING',
    },
    {
      name: 'mysql-server',
      v: v('mysql-server'),
      kb: flavor === 'rhel4' ? 22_400 : 21_900,
      sum: 'The MySQL server and related files.',
      desc: 'MySQL is a multi-user, multi-threaded SQL database server. MySQL is a\nclient/server implementation consisting of a server daemon (mysqld)\nand many different client programs and libraries. This package contains\nthe MySQL server and some accompanying files and directories.',
      group: 'Applications/Databases',
      license: 'GPL',
      url: 'http://www.mysql.com',
      deps: 'mysql, perl-DBI, perl-DBD-MySQL, perl, sh-utils, /usr/sbin/useradd',
      services: 'mysqld',
      files: `/usr/libexec/mysqld *\n/usr/libexec/mysqlmanager\n${lines('/usr/bin', 'myisam_ftdump myisamchk myisamlog myisampack mysql_convert_table_format mysql_create_system_tables mysql_explain_log mysql_fix_extensions mysql_fix_privilege_tables mysql_install_db mysql_secure_installation mysql_setpermission mysql_tzinfo_to_sql mysql_zap mysqlbug mysqld_multi mysqld_safe mysqldumpslow mysqlhotcopy mysqltest')}\n/etc/rc.d/init.d/mysqld\n/etc/logrotate.d/mysqld c\n/usr/share/mysql/fill_help_tables.sql 360k\n/usr/share/mysql/mysql_fix_privilege_tables.sql 22k\n/usr/share/mysql/my-huge.cnf 5k\n/usr/share/mysql/my-large.cnf 5k\n/usr/share/mysql/my-medium.cnf 5k\n/usr/share/mysql/my-small.cnf 5k\n/usr/share/info/mysql.info.gz *\n/var/lib/mysql/ u27 g27\n/var/run/mysqld/ u27 g27`,
      content: { '/etc/rc.d/init.d/mysqld': REDHAT_INIT_SCRIPTS.mysqld! },
      users: 'mysql:x:27:27:MySQL Server:/var/lib/mysql:/bin/bash',
      groups: 'mysql:x:27:',
      man: '1:myisamchk mysqld_safe mysql_install_db mysqlhotcopy mysqlman 8:mysqld mysqlmanager',
      docs: 'README COPYING',
    },
    {
      name: 'perl',
      v: v('perl'),
      kb: flavor === 'rhel4' ? 32_700 : 33_900,
      sum: 'The Perl programming language.',
      desc: 'Perl is a high-level programming language with roots in C, sed, awk\nand shell scripting.  Perl is good at handling processes and files,\nand is especially good at handling text.',
      group: 'Development/Languages',
      license: 'Artistic or GPL',
      url: 'http://www.perl.org/',
      deps: 'glibc db4 gdbm',
      prov: 'perl(strict) perl(Getopt::Long) perl(File::Temp)',
      files: `/usr/bin/perl 1.2M\n/usr/bin/perl${perlV} 1.2M -\n/usr/bin/perldoc\n/usr/bin/h2xs\n/usr/bin/cpan\n/usr/bin/pod2man\n/usr/bin/pod2text\n/usr/lib/perl5/\n/usr/lib/perl5/${perlV}/\n/usr/lib/perl5/${perlV}/strict.pm 3k\n/usr/lib/perl5/${perlV}/warnings.pm 16k\n/usr/lib/perl5/${perlV}/Getopt/\n/usr/lib/perl5/${perlV}/Getopt/Long.pm 75k\n/usr/lib/perl5/${perlV}/File/\n/usr/lib/perl5/${perlV}/File/Temp.pm 63k\n/usr/lib/perl5/${perlV}/CPAN.pm 220k\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/CORE/\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/CORE/libperl.so *\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/auto/\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/auto/POSIX/\n/usr/lib/perl5/${perlV}/i386-linux-thread-multi/auto/POSIX/POSIX.so *\n/usr/lib/perl5/${perlV}/pod/\n/usr/lib/perl5/${perlV}/pod/perlfunc.pod *\n/usr/lib/perl5/${perlV}/unicore/\n/usr/lib/perl5/${perlV}/unicore/lib.tar *\n/usr/lib/perl5/site_perl/\n/usr/lib/perl5/vendor_perl/`,
      man: '1:perl perldoc perlfunc perlop perlre perlsyn h2xs cpan pod2man 3:CPAN.3pm Getopt::Long.3pm',
      docs: 'Artistic AUTHORS Copying README Changes',
    },
    { name: 'perl-DBI', v: v('perl-DBI'), kb: 1_600, sum: 'A database access API for perl', group: 'Applications/Databases', license: 'GPL', url: 'http://dbi.perl.org/', deps: 'perl', prov: 'perl(DBI)', files: `/usr/bin/dbiproxy\n/usr/bin/dbiprof\n/usr/lib/perl5/vendor_perl/${perlV}/\n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/\n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/DBI.pm 220k\n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/auto/DBI/ \n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/auto/DBI/DBI.so *`, man: '3:DBI.3pm' },
    { name: 'perl-DBD-MySQL', v: v('perl-DBD-MySQL'), kb: 320, sum: 'A MySQL interface for perl', group: 'Development/Libraries', license: 'GPL', deps: 'perl perl(DBI) libmysqlclient.so.14', files: `/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/DBD/ \n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/DBD/mysql.pm 58k\n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/auto/DBD/ \n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/auto/DBD/mysql/ \n/usr/lib/perl5/vendor_perl/${perlV}/i386-linux-thread-multi/auto/DBD/mysql/mysql.so *`, man: '3:DBD::mysql.3pm' },
    { name: 'openssh', v: v('openssh'), kb: 520, sum: 'The OpenSSH implementation of SSH protocol versions 1 and 2.', desc: 'SSH (Secure SHell) is a program for logging into and executing\ncommands on a remote machine. SSH is intended to replace rlogin and\nrsh, and to provide secure encrypted communications between two\nuntrusted hosts over an insecure network.', group: 'Applications/Internet', license: 'BSD', url: 'http://www.openssh.com/portable.html', deps: 'glibc openssl zlib', files: '/etc/ssh/\n/etc/ssh/moduli c 130k\n/usr/bin/ssh-keygen\n/usr/libexec/openssh/\n/usr/libexec/openssh/ssh-keysign p4755', man: '1:ssh-keygen 8:ssh-keysign', docs: 'CREDITS ChangeLog LICENCE OVERVIEW README TODO WARNING.RNG' },
    {
      name: 'openssh-server',
      v: v('openssh-server'),
      kb: 620,
      sum: 'The OpenSSH server daemon.',
      desc: "OpenSSH is a free version of SSH (Secure SHell), a program for logging\ninto and executing commands on a remote machine. This package contains\nthe secure shell daemon (sshd). The sshd daemon allows SSH clients to\nsecurely connect to your SSH server. You also need to have the openssh\npackage installed.",
      group: 'System Environment/Daemons',
      license: 'BSD',
      url: 'http://www.openssh.com/portable.html',
      deps: 'openssh, chkconfig >= 0.9, pam >= 0.73, initscripts >= 5.20, /etc/pam.d/system-auth, /usr/sbin/useradd',
      services: 'sshd',
      files: '/usr/sbin/sshd 290k\n/usr/libexec/openssh/sftp-server\n/etc/ssh/sshd_config c p0600\n/etc/pam.d/sshd c\n/etc/rc.d/init.d/sshd\n/var/empty/sshd/ p0711',
      content: { '/etc/ssh/sshd_config': SSHD_CONFIG, '/etc/rc.d/init.d/sshd': REDHAT_INIT_SCRIPTS.sshd!, '/etc/pam.d/sshd': '#%PAM-1.0\nauth       required\tpam_stack.so service=system-auth\nauth       required\tpam_nologin.so\naccount    required\tpam_stack.so service=system-auth\npassword   required\tpam_stack.so service=system-auth\nsession    required\tpam_stack.so service=system-auth\nsession    required\tpam_loginuid.so\n' },
      users: 'sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin',
      groups: 'sshd:x:74:',
      man: '5:sshd_config 8:sshd sftp-server',
    },
    { name: 'openssh-clients', v: v('openssh-clients'), kb: 900, sum: 'The OpenSSH client applications.', group: 'Applications/Internet', license: 'BSD', url: 'http://www.openssh.com/portable.html', deps: 'openssh', files: '/etc/ssh/ssh_config c\n/usr/bin/ssh 300k\n/usr/bin/scp\n/usr/bin/sftp\n/usr/bin/slogin -> ssh\n/usr/bin/ssh-add\n/usr/bin/ssh-agent p2711\n/usr/bin/ssh-copy-id\n/usr/bin/ssh-keyscan', man: '1:ssh scp sftp slogin ssh-add ssh-agent ssh-copy-id ssh-keyscan 5:ssh_config' },
  ];
  // {V}: the package's upstream version in paths.
  for (const d of defs) {
    const u = d.v.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
    if (d.files) d.files = d.files.replace(/\{V\}/g, u);
    if (d.docs) d.docs = d.docs.replace(/\{V\}/g, u);
  }
  return defs;
}
