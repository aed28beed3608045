/**
 * Package and service tools on the host: init scripts with /etc/init.d/functions, service,
 * chkconfig, rpm. The layout fragments are populated into a booted world here until they are
 * merged into vserverHostLayout().
 */
import { describe, expect, it } from 'vitest';
import { rhel4Packages } from '../../core/world/distributions/rhel4.js';
import { bootTestWorld, type TestWorld } from '../support/world.js';

// The host preset carries the init scripts and the rpm database.
const hostWithServices = (): Promise<TestWorld> => bootTestWorld();

describe('init scripts and service', () => {
  it('stop, status, start, status of sshd through /etc/init.d and the pid file', async () => {
    const w = await hostWithServices();
    const before = (await w.run('cat /var/run/sshd.pid')).stdout.trim();
    expect(before).toMatch(/^\d+$/);
    const stop = await w.run('/etc/init.d/sshd stop; /etc/init.d/sshd status; echo "rc=$?"; ls /var/run/sshd.pid /var/lock/subsys/sshd');
    // Not a terminal: consoletype says "serial", so no colour and no column.
    expect(stop.stdout).toBe('Stopping sshd:[  OK  ]\r\nsshd is stopped\nrc=3\n');
    expect(stop.stderr).toContain('/var/run/sshd.pid: No such file or directory');
    expect(stop.stderr).toContain('/var/lock/subsys/sshd: No such file or directory');
    const start = await w.run('/etc/init.d/sshd start; /etc/init.d/sshd status; echo "rc=$?"; cat /var/lock/subsys/sshd && echo locked');
    const pid = (await w.run('cat /var/run/sshd.pid')).stdout.trim();
    expect(pid).toMatch(/^\d+$/);
    expect(pid).not.toBe(before);
    expect(start.stdout).toBe(`Starting sshd:[  OK  ]\r\nsshd (pid ${pid}) is running...\nrc=0\nlocked\n`);
    expect((await w.run(`[ -d /proc/${pid} ] && echo alive`)).stdout).toBe('alive\n');
    // A second start fails: the running server holds port 22.
    expect((await w.run('/etc/init.d/sshd start')).stdout).toBe('Starting sshd:[FAILED]\r\n');
  });

  it('prints [  OK  ] in colour at column 60 on a terminal', async () => {
    const w = await hostWithServices();
    const t = await w.terminal();
    t.take();
    await t.type('service crond restart\r');
    const out = t.take();
    expect(out).toContain('Stopping crond: \x1b[60G[\x1b[0;32m  OK  \x1b[0;39m]\r');
    expect(out).toContain('Starting crond: \x1b[60G[\x1b[0;32m  OK  \x1b[0;39m]\r');
  });

  it('service runs httpd, mysqld, crond and syslog scripts', async () => {
    const w = await hostWithServices();
    const httpd = await w.run('service httpd stop; service httpd status; service httpd start; service httpd status');
    const hpid = (await w.run('cat /var/run/httpd.pid')).stdout.trim();
    expect(httpd.stdout).toBe(`Stopping httpd: [  OK  ]\r\nhttpd is stopped\nStarting httpd: [  OK  ]\r\nhttpd (pid ${hpid}) is running...\n`);
    const mysqld = await w.run('service mysqld stop; service mysqld status; service mysqld start; service mysqld status');
    const mpid = (await w.run('cat /var/run/mysqld/mysqld.pid')).stdout.trim();
    expect(mysqld.stdout).toBe(`Stopping MySQL:  [  OK  ]\r\nmysqld is stopped\nStarting MySQL:  [  OK  ]\r\nmysqld (pid ${mpid}) is running...\n`);
    const cron = await w.run('service crond restart; service crond status');
    expect(cron.stdout).toMatch(/^Stopping crond: \[  OK  \]\r\nStarting crond: \[  OK  \]\r\ncrond \(pid \d+\) is running...\n$/);
    const syslog = await w.run('service syslog stop; service syslog status; service syslog start');
    expect(syslog.stdout).toBe(
      'Shutting down kernel logger: [  OK  ]\r\nShutting down system logger: [  OK  ]\r\nsyslogd is stopped\nklogd is stopped\n' +
        'Starting system logger: [  OK  ]\r\nStarting kernel logger: [  OK  ]\r\n',
    );
    expect((await w.run('tail -2 /var/log/messages')).stdout).toMatch(/ scivm-xm4 syslog: syslogd startup succeeded\n.* scivm-xm4 syslog: klogd startup succeeded\n$/);
  });

  it('service errors and usage', async () => {
    const w = await hostWithServices();
    expect(await w.run('service foo start')).toEqual({ stdout: '', stderr: 'foo: unrecognized service\n', status: 1 });
    const usage = await w.run('service');
    expect(usage.status).toBe(1);
    expect(usage.stderr).toBe('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n');
    expect(await w.run('service sshd')).toEqual({ stdout: 'Usage: /etc/init.d/sshd {start|stop|restart|reload|condrestart|status}\n', stderr: '', status: 1 });
    const all = await w.run('service --status-all');
    expect(all.stdout).toMatch(/^crond \(pid \d+\) is running...\nhttpd \(pid \d+\) is running...\n/);
  });
});

describe('chkconfig', () => {
  it('lists, turns on and off, checks', async () => {
    const w = await hostWithServices();
    const list = await w.run('chkconfig --list');
    expect(list.stdout.split('\n')[0]).toBe('crond          \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off');
    expect(list.stdout).toContain('\nsshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n');
    const r = await w.run('chkconfig httpd off; chkconfig --list httpd; chkconfig httpd; echo $?; chkconfig --level 35 httpd on; chkconfig --list httpd; chkconfig httpd; echo $?');
    expect(r.stdout).toBe(
      'httpd          \t0:off\t1:off\t2:off\t3:off\t4:off\t5:off\t6:off\n1\n' + 'httpd          \t0:off\t1:off\t2:off\t3:on\t4:off\t5:on\t6:off\n0\n',
    );
    expect((await w.run('readlink /etc/rc.d/rc3.d/S85httpd; ls /etc/rc.d/rc2.d | grep httpd')).stdout).toBe('../init.d/httpd\nK15httpd\n');
    expect((await w.run('chkconfig --del httpd; chkconfig --list httpd')).stderr).toBe(
      "service httpd supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add httpd')\n",
    );
    // httpd's header says "-": --add links it off everywhere.
    expect((await w.run('chkconfig --add httpd; chkconfig --list httpd')).stdout).toBe('httpd          \t0:off\t1:off\t2:off\t3:off\t4:off\t5:off\t6:off\n');
    expect(await w.run('chkconfig --list foo')).toEqual({ stdout: '', stderr: 'error reading information on service foo: No such file or directory\n', status: 1 });
    const usage = await w.run('chkconfig');
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/^chkconfig version 1\.3\.13\.3 - Copyright \(C\) 1997-2000 Red Hat, Inc\.\n/);
  });
});

describe('rpm', () => {
  const hostWithRpm = (): Promise<TestWorld> => bootTestWorld();

  it('queries the host database', async () => {
    const w = await hostWithRpm();
    const bash = rhel4Packages().get('bash')!;
    const nvr = `bash-${bash.version}-${bash.release}`;
    expect(await w.run('rpm -q bash')).toEqual({ stdout: `${nvr}\n`, stderr: '', status: 0 });
    expect(await w.run('rpm -q foo bash')).toEqual({ stdout: `package foo is not installed\n${nvr}\n`, stderr: '', status: 1 });
    const all = await w.run('rpm -qa');
    expect(all.stdout.split('\n')).toContain(nvr);
    expect(all.stdout.split('\n').length).toBeGreaterThan(80);
    expect((await w.run('rpm -qf /bin/bash')).stdout).toBe(`${nvr}\n`);
    expect((await w.run('rpm -qf /root')).stdout).toMatch(/^filesystem-2\.3\.0-1\n$/);
    expect(await w.run('touch x; rpm -qf x')).toEqual({ stdout: '', stderr: 'file /root/x is not owned by any package\n', status: 1 });
    expect(await w.run('rpm -qf /nope')).toEqual({ stdout: '', stderr: 'error: file /nope: No such file or directory\n', status: 1 });
    const ql = (await w.run('rpm -ql bash')).stdout.split('\n');
    expect(ql).toContain('/bin/bash');
    const info = (await w.run('LANG=en_US.UTF-8 rpm -qi bash')).stdout;
    expect(info).toMatch(new RegExp(`^Name        : bash                        Relocations: \\(not relocatable\\)\nVersion     : ${bash.version.replace(/\./g, '\\.')} +Vendor: Red Hat, Inc\\.\n`));
    expect(info).toContain('\nDescription :\n');
    expect((await w.run('rpm -qf /usr/sbin/httpd')).stdout).toMatch(/^httpd-2\.0\.52-/);
  });

  it('--root reads another database', async () => {
    const w = await hostWithRpm();
    const r = await w.run('mkdir -p /vservers/g1/var/lib/rpm; : > /vservers/g1/var/lib/rpm/Packages; rpm --root /vservers/g1 -qa; echo rc=$?; rpm --root /vservers/nope -qa');
    expect(r.stdout).toBe('rc=0\n');
    expect(r.stderr).toBe(
      'error: cannot open Packages index using db3 - No such file or directory (2)\nerror: cannot open Packages database in /vservers/nope/var/lib/rpm\n',
    );
    expect((await w.run('cp /var/lib/rpm/Packages /vservers/g1/var/lib/rpm/; rpm --root=/vservers/g1 -q bash')).stdout).toMatch(/^bash-3\.0-/);
  });
});
