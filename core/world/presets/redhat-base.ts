/**
 * A Red Hat Enterprise Linux 4-like base system (the seed's era), as data: where each program is
 * installed and the configuration files a student will look at. World presets copy it into a root.
 */

/** Directory → programs installed there (the program name is the file name unless mapped). */
export const PROGRAM_DIRECTORIES: Record<string, string> = {
  '/bin':
    'bash cat chgrp chmod chown cp cpio date dd df echo egrep false fgrep grep gawk hostname kill ln ls mkdir mknod mktemp more mount mv netstat nice ping ps pwd rm rmdir sed sleep sort stty sync tar touch true umount uname su gzip gunzip zcat dmesg',
  '/sbin': 'arp chkconfig ifconfig init ip killall5 losetup mkfs.ext2 pidof route service sysctl syslogd lsmod insmod rmmod modprobe mke2fs mkfs shutdown halt reboot poweroff',
  '/usr/bin':
    'awk basename clear comm cut diff dirname du env expand find fold free groups head id join killall less md5sum nano nc nl nohup paste pgrep pkill printenv printf readlink renice rev rsync scp seq ssh stat tac tail tee top tr tty uniq uptime vmstat watch wc which whoami xargs yes cmp chattr lsattr who w last passwd sha1sum file',
  '/usr/sbin': 'chroot crond httpd sshd vserver vnamespace chcontext chbind vattribute vcontext vuname vrpm vapt-get vyum vkill vlimit vsched vserver-stat vps vtop useradd userdel groupadd',
  '/usr/libexec': 'mysqld',
};

/** Aliases installed as symbolic links: link → target. */
export const PROGRAM_LINKS: Record<string, string> = {
  '/bin/sh': 'bash',
  '/bin/awk': 'gawk',
  '/usr/bin/vi': 'nano',
  '/sbin/mkfs.ext3': 'mkfs.ext2',
  '/usr/bin/vim': 'nano',
};

export const REDHAT_RELEASE = 'Red Hat Enterprise Linux AS release 4 (Nahant Update 3)\n';

/** Files of the base system; the host name and addresses are filled in by the preset. */
export function baseFiles(hostname: string, address: string): Record<string, string> {
  const short = hostname.split('.')[0]!;
  return {
    '/etc/redhat-release': REDHAT_RELEASE,
    '/etc/issue': `${REDHAT_RELEASE}Kernel \\r on an \\m\n\n`,
    '/etc/hostname': `${hostname}\n`,
    '/etc/passwd': [
      'root:x:0:0:root:/root:/bin/bash',
      'bin:x:1:1:bin:/bin:/sbin/nologin',
      'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
      'adm:x:3:4:adm:/var/adm:/sbin/nologin',
      'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin',
      'mail:x:8:12:mail:/var/spool/mail:/sbin/nologin',
      'nobody:x:99:99:Nobody:/:/sbin/nologin',
      'sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin',
      'apache:x:48:48:Apache:/var/www:/sbin/nologin',
      'mysql:x:27:27:MySQL Server:/var/lib/mysql:/bin/bash',
      'etudiant:x:500:500:Etudiant:/home/etudiant:/bin/bash',
      '',
    ].join('\n'),
    '/etc/group': [
      'root:x:0:root',
      'bin:x:1:root,bin,daemon',
      'daemon:x:2:root,bin,daemon',
      'sys:x:3:root,bin,adm',
      'adm:x:4:root,adm,daemon',
      'tty:x:5:',
      'disk:x:6:root',
      'wheel:x:10:root',
      'nobody:x:99:',
      'sshd:x:74:',
      'apache:x:48:',
      'mysql:x:27:',
      'etudiant:x:500:',
      '',
    ].join('\n'),
    '/etc/shadow': 'root:$1$vl4bS4lt$3Fq0Wm3y3oR8b1n6bQ7mL/:13298:0:99999:7:::\netudiant:!!:13298:0:99999:7:::\n',
    '/etc/hosts': `# Do not remove the following line, or various programs\n# that require network functionality will fail.\n127.0.0.1\t\tlocalhost.localdomain localhost\n${address}\t${hostname} ${short}\n192.168.1.1\tgw.unilim.fr gw\n`,
    '/etc/resolv.conf': 'search unilim.fr\nnameserver 192.168.1.1\n',
    // An excerpt of setup-2.5.58's /etc/services: the ports the lecture's services use.
    '/etc/services': '# /etc/services:\n# $Id: services,v 1.40 2004/09/23 05:45:18 notting Exp $\n#\n# Network services, Internet style\n#\n# Note that it is presently the policy of IANA to assign a single well-known\n# port number for both TCP and UDP; hence, most entries here have two entries\n# even if the protocol doesn\'t support UDP operations.\n# Updated from RFC 1700, ``Assigned Numbers\'\' (October 1994).  Not all ports\n# are included, only the more common ones.\n\ntcpmux          1/tcp                   # TCP port service multiplexer\necho            7/tcp\necho            7/udp\ndiscard         9/tcp           sink null\ndiscard         9/udp           sink null\ndaytime         13/tcp\ndaytime         13/udp\nchargen         19/tcp          ttytst source\nftp-data        20/tcp\nftp             21/tcp\nssh             22/tcp                  # SSH Remote Login Protocol\nssh             22/udp                  # SSH Remote Login Protocol\ntelnet          23/tcp\nsmtp            25/tcp          mail\ntime            37/tcp          timserver\ntime            37/udp          timserver\ndomain          53/tcp                  # name-domain server\ndomain          53/udp\nbootps          67/tcp                  # BOOTP server\nbootps          67/udp\nbootpc          68/tcp                  # BOOTP client\nbootpc          68/udp\ntftp            69/udp\nfinger          79/tcp\nhttp            80/tcp          www www-http # WorldWideWeb HTTP\nhttp            80/udp          www www-http # HyperText Transfer Protocol\nkerberos        88/tcp          kerberos5 krb5 # Kerberos v5\npop3            110/tcp         pop-3   # POP version 3\nsunrpc          111/tcp         portmapper # RPC 4.0 portmapper TCP\nsunrpc          111/udp         portmapper # RPC 4.0 portmapper UDP\nauth            113/tcp         authentication tap ident\nnntp            119/tcp         readnews untp # USENET News Transfer Protocol\nntp             123/tcp\nntp             123/udp                 # Network Time Protocol\nnetbios-ns      137/udp                 # NETBIOS Name Service\nnetbios-dgm     138/udp                 # NETBIOS Datagram Service\nnetbios-ssn     139/tcp                 # NETBIOS session service\nimap            143/tcp         imap2   # Interim Mail Access Proto v2\nsnmp            161/udp                 # Simple Net Mgmt Proto\nldap            389/tcp\nldap            389/udp\nhttps           443/tcp                 # MCom\nhttps           443/udp                 # MCom\nmicrosoft-ds    445/tcp\nsyslog          514/udp\nprinter         515/tcp         spooler # line printer spooler\nldaps           636/tcp                 # LDAP over SSL\nrsync           873/tcp                 # rsync\nimaps           993/tcp                 # IMAP over SSL\npop3s           995/tcp                 # POP-3 over SSL\nsquid           3128/tcp                # squid web proxy\nmysql           3306/tcp                # MySQL\nmysql           3306/udp                # MySQL\nx11             6000/tcp                # the X Window System\nhttp-alt        8080/tcp        webcache # WWW caching service\n',
    '/etc/fstab': [
      'LABEL=/                 /                       ext3    defaults        1 1',
      'none                    /dev/pts                devpts  gid=5,mode=620  0 0',
      'none                    /proc                   proc    defaults        0 0',
      'none                    /dev/shm                tmpfs   defaults        0 0',
      '/dev/sda2               swap                    swap    defaults        0 0',
      '',
    ].join('\n'),
    '/etc/sysconfig/network': `NETWORKING=yes\nHOSTNAME=${hostname}\nGATEWAY=192.168.1.1\n`,
    '/etc/sysconfig/network-scripts/ifcfg-eth0': `DEVICE=eth0\nBOOTPROTO=static\nIPADDR=${address}\nNETMASK=255.255.255.0\nONBOOT=yes\n`,
    '/etc/inittab': 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\nl3:3:wait:/etc/rc.d/rc 3\n1:2345:respawn:/sbin/mingetty tty1\n',
    '/etc/shells': '/bin/sh\n/bin/bash\n',
    '/etc/profile': [
      '# /etc/profile: system-wide environment for login shells',
      'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
      'HOSTNAME=`/bin/hostname`',
      'HISTSIZE=1000',
      'export PATH HOSTNAME HISTSIZE',
      'for i in /etc/profile.d/*.sh ; do',
      '    if [ -r "$i" ]; then',
      '        . $i',
      '    fi',
      'done',
      'unset i',
      '',
    ].join('\n'),
    '/etc/profile.d/lang.sh': 'LANG=en_US.UTF-8\nexport LANG\n',
    '/etc/sysconfig/clock': 'ZONE="Europe/Paris"\nUTC=true\nARC=false\n',
    '/etc/sysconfig/i18n': 'LANG="en_US.UTF-8"\nSUPPORTED="en_US.UTF-8:en_US:en:fr_FR.UTF-8:fr_FR:fr"\nSYSFONT="latarcyrheb-sun16"\n',
    '/etc/bashrc': "# /etc/bashrc: functions and aliases for every shell\nPS1='\\u@\\h:\\w\\$ '\n",
    '/root/.bash_profile': '# .bash_profile\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n',
    '/root/.bashrc': "# .bashrc\nalias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\nif [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n",
    '/home/etudiant/.bashrc': "if [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n",
    // The host's services listen on its own address, not 0.0.0.0: a host service bound to ANY
    // takes its port from every guest (the seed's host set-up slide).
    '/etc/ssh/sshd_config': `#Port 22\nListenAddress ${address}\nProtocol 2\nSyslogFacility AUTHPRIV\nPermitRootLogin yes\nUsePrivilegeSeparation yes\n`,
    '/etc/httpd/conf/httpd.conf': `ServerRoot "/etc/httpd"\nListen ${address}:80\nUser apache\nGroup apache\nServerName localhost\nDocumentRoot "/var/www/html"\n`,
    '/var/www/html/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    '/etc/my.cnf': `[mysqld]\ndatadir=/var/lib/mysql\nsocket=/var/lib/mysql/mysql.sock\nbind-address=${address}\n`,
    '/etc/crontab': 'SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=root\n01 * * * * root run-parts /etc/cron.hourly\n',
    '/etc/syslog.conf': '*.info;mail.none;authpriv.none;cron.none\t\t/var/log/messages\n',
    '/var/log/messages': '',
    '/etc/motd': '',
  };
}
