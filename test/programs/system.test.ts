/**
 * The process and system programs (core/programs/system) on the booted seed world: ps, top,
 * kill and friends, free, uptime, hostname, uname, id, env, date, sleep, stty, which, nohup,
 * the pagers and nano, run through bash as a student would, on a terminal where it matters.
 */
import { describe, expect, it } from 'vitest';
import '../../core/programs/files/index.js';
import '../../core/programs/system/index.js';
import '../../core/programs/text/index.js';
import { captureFile, stringFile } from '../../core/kernel/memory-file.js';
import { IATTR } from '../../core/kernel/vfs/constants.js';
import { bootTestWorld, type RunResult, type TestTerminal, type TestWorld } from '../support/world.js';
import { visibleScreen } from './screen.js';

const PATH = '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin';

/** Run `bash -c` as another user (no capabilities), like `w.run` does for root; `xid` puts it in a security context. */
async function runAs(w: TestWorld, user: { uid: number; gid: number; home: string; name: string }, command: string, xid = 0): Promise<RunResult> {
  const m = w.machine;
  let stdout = '';
  let stderr = '';
  const pid = m.initProcess.fork(async (p) => {
    for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
    p.install(stringFile(''));
    p.install(captureFile((d) => (stdout += d)));
    p.install(captureFile((d) => (stderr += d)));
    p.setpgid(0, 0);
    p.task.cred = { uid: user.uid, gid: user.gid, euid: user.uid, egid: user.gid, groups: [user.gid], caps: user.uid === 0 ? p.task.cred.caps : 0n };
    p.task.xid = xid;
    try {
      p.fs.chdir(user.home);
    } catch {
      p.fs.chdir('/');
    }
    return p.exec('/bin/bash', ['bash', '-c', command], { HOME: user.home, USER: user.name, LOGNAME: user.name, PATH, TERM: 'xterm' });
  });
  let status: number | undefined;
  void m.whenExits(pid).then((s) => (status = s));
  for (let i = 0; status === undefined && i < 1000; i++) await w.settle();
  return { stdout, stderr, status: status ?? -1 };
}

const ETUDIANT = { uid: 500, gid: 500, home: '/home/etudiant', name: 'etudiant' };

/** Install a program file the base layout lacks (the image header names the program). */
async function install(w: TestWorld, path: string, program: string): Promise<void> {
  const r = await w.run(`printf '\\177ELF\\001\\001\\001\\000vlab-program:${program}\\000' > ${path} && chmod 755 ${path}`);
  expect(r.stderr).toBe('');
}

async function screen(t: TestTerminal, cols = 80, rows = 24): Promise<string[]> {
  return visibleScreen(t.output, cols, rows);
}

describe('ps', () => {
  it('lists the seed transcript: a background sleep in ps auxw, found again with grep', async () => {
    const w = await bootTestWorld();
    const r = await w.run('sleep 1000 & ps auxw; ps auxw | grep sleep');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('USER       PID %CPU %MEM   VSZ  RSS TTY      STAT START   TIME COMMAND');
    expect(lines[1]).toBe('root         1  0.0  0.0  1744  560 ?        Ss   09:00   0:00 init [3]');
    expect(r.stdout).toMatch(/^root +\d+ +0\.0 +0\.0 +\d+ +\d+ \? +S +09:00 +0:00 sleep 1000$/m);
    expect(r.stdout).toMatch(/^root +\d+ +0\.0 +0\.0 +\d+ +\d+ \? +R +09:00 +0:00 ps auxw$/m);
    expect(r.stdout).toMatch(/^root +\d+ .* grep sleep$/m);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shows the processes of the terminal by default, with their tty', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('ps\r');
    const s = await screen(t);
    expect(s[1]).toBe('  PID TTY          TIME CMD');
    expect(s[2]).toMatch(/^ {1}4400 pts\/0    00:00:00 bash$/);
    expect(s[3]).toMatch(/^ \d{4} pts\/0    00:00:00 ps$/);
    expect(s[4]).toBe('root@scivm-xm4:~# ');
  });

  it('has the UNIX formats -ef, -l and -o, and the job-control STAT flags', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('ps -o pid,ppid,pgid,sid,stat,tty,comm\r');
    const s = await screen(t);
    expect(s[1]).toBe('  PID  PPID  PGID   SID STAT TT       COMMAND');
    expect(s[2]).toMatch(/^ 4400 +\d+  4400  4400 Ss   pts\/0    bash$/);
    expect(s[3]).toMatch(/^ \d{4}  4400  \d{4}  4400 R\+   pts\/0    ps$/);
    const ef = await w.run('ps -ef');
    expect(ef.stdout.split('\n')[0]).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    expect(ef.stdout).toMatch(/^root +38 +1 +0 09:00 \? +00:00:00 \/usr\/sbin\/httpd$/m);
    const l = await w.run('ps -l -p 1');
    expect(l.stdout).toBe('F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD\n4 S     0     1     0  0  75   0 -   436 wait   ?        00:00:00 init\n');
  });

  it('selects by command name, pid and user', async () => {
    const w = await bootTestWorld();
    const c = await w.run('ps -C httpd -o pid=,comm=');
    expect(c.stdout.trim().split('\n')).toHaveLength(9);
    const p = await w.run('ps -p 1,38 -o pid,args');
    expect(p.stdout).toBe('  PID COMMAND\n    1 init [3]\n   38 /usr/sbin/httpd\n');
    const u = await w.run('ps -u nobody');
    expect(u).toEqual({ stdout: '  PID TTY          TIME CMD\n', stderr: '', status: 1 });
  });

  it('takes ps -aux as BSD syntax with the famous warning', async () => {
    const w = await bootTestWorld();
    const r = await w.run('ps -aux | head -1');
    expect(r.stdout).toBe('USER       PID %CPU %MEM   VSZ  RSS TTY      STAT START   TIME COMMAND\n');
    expect(r.stderr).toBe("Warning: bad ps syntax, perhaps a bogus '-'? See http://procps.sf.net/faq.html\n");
  });

  it('reports bad options as procps 3.2 does', async () => {
    const w = await bootTestWorld();
    const r = await w.run('ps auxz');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('ERROR: Unsupported option (BSD syntax)');
    expect(r.stderr.split('\n')[1]).toBe('********* simple selection *********  ********* selection by list *********');
    const o = await w.run('ps -o foo');
    expect(o.stderr.split('\n')[0]).toBe('ERROR: Unknown user-defined format specifier "foo".');
    const v = await w.run('ps --version');
    expect(v.stdout).toBe('procps version 3.2.3\n');
  });

  it('needs /proc', async () => {
    const w = await bootTestWorld();
    const r = await w.run('umount /proc && ps aux');
    expect(r.stderr).toBe(
      'Error: /proc must be mounted\n  To mount /proc at boot you need an /etc/fstab line like:\n      /proc   /proc   proc    defaults\n  In the meantime, mount /proc /proc -t proc\n',
    );
    expect(r.status).toBe(102);
    const f = await w.run('free');
    expect(f.status).toBe(102);
  });

  it('shows only the processes of its own security context (Linux-VServer)', async () => {
    const w = await bootTestWorld();
    const root = { uid: 0, gid: 0, home: '/root', name: 'root' };
    // vprocunhide ran at boot; with /proc/uptime hidden again, ps cannot work in a guest.
    w.machine.initProcess.fs.setIattr('/proc/uptime', IATTR.HIDE, 0);
    const hidden = await runAs(w, root, 'ps', 33);
    expect(hidden.stderr.split('\n')[0]).toBe('Error: /proc must be mounted');
    w.machine.initProcess.fs.setIattr('/proc/uptime', 0, IATTR.HIDE);
    const r = await runAs(w, root, 'sleep 1000 & ps auxw; pgrep httpd; /bin/kill 38', 33);
    const commands = r.stdout.split('\n').slice(1).filter(Boolean).map((l) => /^(?:\S+\s+){10}(.*)$/.exec(l)![1]!);
    expect(commands).toContain('sleep 1000');
    expect(commands).toContain('ps auxw');
    expect(commands.every((c) => /^(init \[3\]|bash -c |sleep 1000|ps auxw)/.test(c))).toBe(true);
    expect(r.stderr).toBe('kill 38: No such process\n');
  });

  it('shows a forest with BSD f', async () => {
    const w = await bootTestWorld();
    const r = await w.run('ps axf | grep -A2 "/usr/sbin/httpd$" | head -3');
    expect(r.stdout.split('\n')[1]).toMatch(/^ +\d+ \? +S +0:00  \\_ \/usr\/sbin\/httpd$/);
  });
});

describe('kill, killall, pgrep, pkill, pidof', () => {
  it('/bin/kill lists signals, signals jobs and reports missing processes', async () => {
    const w = await bootTestWorld();
    const l = await w.run('/bin/kill -l');
    expect(l.stdout).toBe(
      'HUP INT QUIT ILL ABRT FPE KILL SEGV PIPE ALRM TERM USR1 USR2 CHLD CONT\n' +
        'STOP TSTP TTIN TTOU TRAP IOT BUS SYS STKFLT URG IO POLL CLD XCPU XFSZ\n' +
        'VTALRM PROF PWR WINCH UNUSED\n',
    );
    expect(Math.max(...l.stdout.split('\n').map((x) => x.length))).toBeLessThanOrEqual(72);
    expect((await w.run('/bin/kill -l 9')).stdout).toBe('KILL\n');
    const missing = await w.run('/bin/kill 99999');
    expect(missing).toEqual({ stdout: '', stderr: 'kill 99999: No such process\n', status: 1 });
    const bad = await w.run('/bin/kill -s FOO 1');
    expect(bad.stderr.split('\n')[0]).toBe('kill: unknown signal FOO; valid signals:');
    const killed = await w.run('sleep 100 & /bin/kill -9 $!; wait $!; echo $?');
    expect(killed.stdout).toBe('137\n');
    const usage = await w.run('/bin/kill');
    expect(usage).toEqual({ stdout: '', stderr: 'usage: kill [ -s signal | -p ] [ -a ] pid ...\n       kill -l [ signal ]\n', status: 1 });
  });

  it('killall kills by name and says when nothing was killed', async () => {
    const w = await bootTestWorld();
    const none = await w.run('killall sleep');
    expect(none).toEqual({ stdout: '', stderr: 'sleep: no process killed\n', status: 1 });
    const r = await w.run('sleep 100 & killall -v sleep; wait; echo done');
    expect(r.stderr).toMatch(/^Killed sleep\(\d+\) with signal 15\n/);
    expect(r.stdout).toBe('done\n');
    expect((await w.run('killall -l')).stdout.split('\n')[0]).toBe('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT');
  });

  it('pgrep lists, pkill signals, pidof prints newest first', async () => {
    const w = await bootTestWorld();
    const l = await w.run('pgrep -l httpd');
    expect(l.stdout.split('\n').filter(Boolean)).toHaveLength(9);
    expect(l.stdout.split('\n')[0]).toBe('38 httpd');
    expect((await w.run('pgrep -x http')).status).toBe(1);
    // -f matches whole command lines: bash -c's own line would match "mysqld --basedir" too.
    expect((await w.run('pgrep -f "^/usr/libexec/mysqld"')).stdout).toBe('39\n');
    expect((await w.run('pgrep -n httpd')).stdout).toBe('47\n');
    const none = await w.run('pgrep');
    expect(none.status).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('pgrep: No matching criteria specified');
    expect((await w.run('pidof httpd')).stdout).toBe('47 46 45 44 43 42 41 40 38\n');
    expect((await w.run('pidof -s crond')).stdout).toBe('36\n');
    expect((await w.run('pidof nothing')).status).toBe(1);
    const pk = await w.run('sleep 100 & pkill -x sleep; wait $!; echo $?');
    expect(pk.stdout).toBe('143\n');
  });

  it('cannot signal another user’s processes', async () => {
    const w = await bootTestWorld();
    const r = await runAs(w, ETUDIANT, '/bin/kill 38; killall crond');
    expect(r.stderr).toBe('kill 38: Operation not permitted\ncrond(36): Operation not permitted\ncrond: no process killed\n');
    expect(r.status).toBe(1);
  });
});

describe('free, uptime, vmstat', () => {
  it('free reads /proc/meminfo', async () => {
    const w = await bootTestWorld();
    const r = await w.run('free');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('             total       used       free     shared    buffers     cached');
    expect(lines[1]).toMatch(/^Mem: {7}5177344 +\d+ +\d+ +0 +\d+ +\d+$/);
    expect(lines[2]).toMatch(/^-\/\+ buffers\/cache: +\d+ +\d+$/);
    expect(lines[3]).toBe('Swap:      2096472          0    2096472');
    expect((await w.run('free -m')).stdout.split('\n')[1]).toMatch(/^Mem: {10}5056 /);
    const bad = await w.run('free -x');
    expect(bad.status).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe('free: invalid option -- x');
  });

  it('uptime counts time and login terminals', async () => {
    const w = await bootTestWorld();
    expect((await w.run('uptime')).stdout).toBe(' 09:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\n');
    w.world.advanceTime((2 * 3600 + 25 * 60) * 1000);
    const t = await w.terminal();
    await t.type('uptime\r');
    expect((await screen(t))[1]).toBe(' 11:25:00 up  2:25,  1 user,  load average: 0.00, 0.00, 0.00');
  });

  it('vmstat prints one line of averages', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/vmstat', 'vmstat');
    const r = await w.run('vmstat');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('procs -----------memory---------- ---swap-- -----io---- --system-- ----cpu----');
    expect(lines[1]).toBe(' r  b   swpd   free   buff  cache   si   so    bi    bo   in    cs us sy id wa');
    expect(lines[2]).toMatch(/^ +\d+ +0 +0 +\d+ +\d+ +\d+ +0 +0 +0 +0 +100 +\d+ +\d+ +\d+ +\d+ +\d+$/);
  });
});

describe('identity: hostname, uname, id, whoami, groups', () => {
  it('hostname shows and sets the node name; only root may set it', async () => {
    const w = await bootTestWorld();
    const r = await w.run('hostname; hostname -s; hostname -f; hostname -d; hostname -i; hostname -a');
    expect(r.stdout).toBe('scivm-xm4.unilim.fr\nscivm-xm4\nscivm-xm4.unilim.fr\nunilim.fr\n192.168.1.128 \nscivm-xm4 \n');
    const user = await runAs(w, ETUDIANT, 'hostname marseille');
    expect(user).toEqual({ stdout: '', stderr: 'hostname: you must be root to change the host name\n', status: 1 });
    const set = await w.run('hostname marseille.jres.org && hostname && uname -n && hostname -f');
    expect(set.stdout).toBe('marseille.jres.org\nmarseille.jres.org\n');
    expect(set.stderr).toBe('hostname: Unknown host\n');
  });

  it('uname prints the seed kernel', async () => {
    const w = await bootTestWorld();
    const r = await w.run('uname -a; uname; uname -r; uname -m -p -i -o');
    expect(r.stdout).toBe(
      'Linux scivm-xm4.unilim.fr 2.6.16.17-vs2.0.2-rc21 #1 SMP Tue May 23 10:12:34 CEST 2006 i686 i686 i386 GNU/Linux\n' +
        'Linux\n2.6.16.17-vs2.0.2-rc21\ni686 i686 i386 GNU/Linux\n',
    );
    const bad = await w.run('uname -x');
    expect(bad.stderr).toBe("uname: invalid option -- x\nTry `uname --help' for more information.\n");
  });

  it('id, whoami and groups read /etc/passwd and /etc/group', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/groups', 'groups');
    const r = await w.run('id root; id -u; id -un; whoami; groups root etudiant');
    expect(r.stdout).toBe(
      'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel)\n0\nroot\nroot\n' +
        'root : root bin daemon sys adm disk wheel\netudiant : etudiant\n',
    );
    const me = await runAs(w, ETUDIANT, 'id; whoami; id -G');
    expect(me.stdout).toBe('uid=500(etudiant) gid=500(etudiant) groups=500(etudiant)\netudiant\n500\n');
    const bad = await w.run('id nobodyhere; id -u -g');
    expect(bad.stderr).toBe('id: nobodyhere: No such user\nid: cannot print only user and only group\n');
  });
});

describe('env, printenv, sleep, true, false, tty, clear, which', () => {
  it('env prints and changes the environment, and runs commands found in PATH', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/printenv', 'printenv');
    const r = await w.run('env FOO=bar printenv FOO; env -i FOO=1 env; env -u HOME printenv HOME; echo $?');
    expect(r.stdout).toBe('bar\nFOO=1\n1\n');
    const missing = await w.run('env nosuchcommand');
    expect(missing).toEqual({ stdout: '', stderr: 'env: nosuchcommand: No such file or directory\n', status: 127 });
  });

  it('sleep takes suffixes and fractions; time moves on', async () => {
    const w = await bootTestWorld();
    const r = await w.run('sleep 1m 0.5; date +%T');
    expect(r.stdout).toBe('09:01:00\n');
    const bad = await w.run('sleep 1x');
    expect(bad).toEqual({ stdout: '', stderr: "sleep: invalid time interval `1x'\nTry `sleep --help' for more information.\n", status: 1 });
    expect((await w.run('sleep')).stderr).toBe("sleep: too few arguments\nTry `sleep --help' for more information.\n");
    expect((await w.run('true; echo $?; false; echo $?; /bin/true --help | head -1')).stdout).toBe('0\n1\nUsage: /bin/true [ignored command line arguments]\n');
  });

  it('tty names the terminal, clear clears it', async () => {
    const w = await bootTestWorld();
    expect(await w.run('tty')).toEqual({ stdout: 'not a tty\n', stderr: '', status: 1 });
    expect((await w.run('clear')).stdout).toBe('\x1b[H\x1b[2J');
    const t = await w.terminal();
    await t.type('tty\r');
    expect((await screen(t))[1]).toBe('/dev/pts/0');
    await t.type('clear\r');
    expect((await screen(t))[0]).toBe('root@scivm-xm4:~# ');
  });

  it('which searches PATH as RHEL 4 which 2.16 does', async () => {
    const w = await bootTestWorld();
    expect((await w.run('which ls ps')).stdout).toBe('/bin/ls\n/bin/ps\n');
    const missing = await w.run('which foo');
    expect(missing).toEqual({ stdout: '', stderr: `which: no foo in (${PATH})\n`, status: 1 });
    // Red Hat's alias: with --tty-only, the alias options count only when the output is a terminal.
    const which = "alias | /usr/bin/which --tty-only --read-alias --show-dot --show-tilde";
    expect(await w.run(`alias ll='ls -l'; ${which} ll`)).toEqual({ stdout: '', stderr: `/usr/bin/which: no ll in (${PATH})\n`, status: 1 });
    const t = await w.terminal();
    await t.type(`clear; alias ll='ls -l'; ${which} ll\r`);
    const s = await screen(t);
    expect(s.slice(0, 2)).toEqual(["alias ll='ls -l'", '        /bin/ls']);
  });
});

describe('nice, renice, nohup', () => {
  it('nice adjusts the priority; lowering it needs CAP_SYS_NICE', async () => {
    const w = await bootTestWorld();
    expect((await w.run('nice; nice -n 5 nice; nice -5 nice; nice --5 nice')).stdout).toBe('0\n5\n5\n-5\n');
    const user = await runAs(w, ETUDIANT, 'nice -n -5 nice');
    expect(user).toEqual({ stdout: '', stderr: 'nice: cannot set priority: Permission denied\n', status: 1 });
    const ps = await w.run('nice -n 10 ps -o ni=,stat=,args= | grep "^ 10"');
    expect(ps.stdout).toBe(' 10 RN   ps -o ni=,stat=,args=\n');
  });

  it('renice changes running processes', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/renice', 'renice');
    const r = await w.run('renice 5 -p 36; ps -o ni= -p 36');
    expect(r.stdout).toBe('36: old priority 0, new priority 5\n  5\n');
    const user = await runAs(w, ETUDIANT, 'renice 5 -p 36');
    expect(user.stderr).toBe('renice: 36: setpriority: Operation not permitted\n');
    expect((await w.run('renice 1 -p 99999')).stderr).toBe('renice: 99999: getpriority: No such process\n');
  });

  it('nohup sends output to nohup.out and ignores SIGHUP', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/nohup', 'nohup');
    const t = await w.terminal();
    await t.type('nohup echo hello\r');
    expect((await screen(t))[1]).toBe("nohup: appending output to `nohup.out'");
    expect((await w.run('cat /root/nohup.out')).stdout).toBe('hello\n');
    expect((await w.run('nohup')).status).toBe(127);
  });
});

describe('date', () => {
  it('prints the simulated time in the zone of /etc/sysconfig/clock, or TZ', async () => {
    const w = await bootTestWorld();
    const r = await w.run('date; date -u; TZ=UTC date +%H:%M; date +%s; date -R; date -I');
    expect(r.stdout).toBe(
      'Tue May 30 09:00:00 CEST 2006\nTue May 30 07:00:00 UTC 2006\n07:00\n1148972400\nTue, 30 May 2006 09:00:00 +0200\n2006-05-30\n',
    );
    const d = await w.run('date -d "2006-05-30 12:00" "+%A %d %B"; date -d tomorrow +%F; date -d "bad date"');
    expect(d.stdout).toBe('Tuesday 30 May\n2006-05-31\n');
    expect(d.stderr).toBe("date: invalid date `bad date'\n");
  });

  it('sets the clock only with CAP_SYS_TIME', async () => {
    const w = await bootTestWorld();
    const user = await runAs(w, ETUDIANT, 'date -s "2006-06-01 10:00"');
    expect(user).toEqual({ stdout: 'Thu Jun  1 10:00:00 CEST 2006\n', stderr: 'date: cannot set date: Operation not permitted\n', status: 1 });
    const root = await w.run('date 060110002006 >/dev/null; date');
    expect(root.stdout).toBe('Thu Jun  1 10:00:00 CEST 2006\n');
  });
});

describe('stty', () => {
  it('shows the size and the settings, and changes echo', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('stty size; stty\r');
    let s = await screen(t);
    expect(s.slice(1, 4)).toEqual(['24 80', 'speed 38400 baud; line = 0;', '-brkint -imaxbel']);
    // With -echo, what head reads is not echoed: "secret" shows once, as head's output.
    await t.type('clear; stty -echo; head -1; stty echo\r');
    await t.type('secret\r');
    await t.type('stty -a | head -1\r');
    s = await screen(t);
    expect(s.slice(0, 3)).toEqual([
      'secret',
      'root@scivm-xm4:~# stty -a | head -1',
      'speed 38400 baud; rows 24; columns 80; line = 0;',
    ]);
    const notty = await w.run('stty');
    expect(notty).toEqual({ stdout: '', stderr: 'stty: standard input: Inappropriate ioctl for device\n', status: 1 });
  });
});

describe('top', () => {
  it('batch mode prints frames for scripts', async () => {
    const w = await bootTestWorld();
    const r = await w.run('top -b -n 1');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('top - 09:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00');
    expect(lines[1]).toMatch(/^Tasks: +\d+ total, +1 running, +\d+ sleeping, +0 stopped, +0 zombie$/);
    expect(lines[2]).toMatch(/^Cpu\(s\): +\d+\.\d% us, +\d+\.\d% sy, +\d+\.\d% ni, +\d+\.\d% id, +\d+\.\d% wa, +\d+\.\d% hi, +\d+\.\d% si$/);
    expect(lines[3]).toMatch(/^Mem: +5177344k total, +\d+k used, +\d+k free, +\d+k buffers$/);
    expect(lines[4]).toBe('Swap:  2096472k total,        0k used,  2096472k free,   414188k cached');
    expect(lines[5]).toBe('');
    expect(lines[6].trimEnd()).toBe('  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND');
    expect(lines[7].trimEnd()).toBe('    1 root      15   0  1744  560  280 S  0.0  0.0   0:00.00 init');
    expect(r.stdout).toMatch(/ 118m  18m 9620 S  0\.0  0\.4   0:00\.00 mysqld/);
    expect(r.stdout.endsWith('\n\n')).toBe(true);
    const two = await w.run('top -b -n 2 -d 5 | grep "^top"');
    expect(two.stdout).toBe('top - 09:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\ntop - 09:00:05 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\n');
  });

  it('needs a terminal unless in batch mode', async () => {
    const w = await bootTestWorld();
    expect(await w.run('top')).toEqual({ stdout: '', stderr: '\ttop: failed tty get\n\n', status: 1 });
    expect((await w.run('top -x')).stderr).toBe("\ttop: unknown argument 'x'\nusage:\ttop -hv | -bcisS -d delay -n iterations [-u user | -U user] -p pid [,pid ...]\n\n");
  });

  it('runs full screen, refreshes, shows help, and gives the terminal back on q', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('top\r');
    let s = await screen(t);
    expect(s[0]).toBe('top - 09:00:00 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00');
    expect(s[5]).toBe('');
    expect(s[6].trimEnd()).toBe('  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND');
    expect(s[23]).toMatch(/^ +\d+ root /);
    // Three simulated seconds later the screen is redrawn.
    w.world.advanceTime(3000);
    await w.settle();
    s = await screen(t);
    expect(s[0]).toBe('top - 09:00:03 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00');
    await t.type('h');
    s = await screen(t);
    expect(s[0]).toBe('Help for Interactive Commands - procps version 3.2.3');
    await t.type(' ');
    await t.type('q');
    s = await screen(t);
    expect(s[23]).toBe('root@scivm-xm4:~# ');
    await t.type('echo typed\r');
    s = await screen(t);
    expect(s.slice(21)).toEqual(['root@scivm-xm4:~# echo typed', 'typed', 'root@scivm-xm4:~# ']);
  });

  it('restores the terminal after Ctrl-C and kills with k', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('sleep 500 &\r');
    const pid = /\[1\] (\d+)/.exec(t.output)![1]!;
    await t.type('top\r');
    await t.type('k');
    expect((await screen(t))[5]).toBe('PID to kill: ');
    await t.type(`${pid}\r`);
    expect((await screen(t))[5]).toBe(`Kill PID ${pid} with signal [15]: `);
    await t.type('9\r');
    await t.type('\x03');
    await t.type('jobs; echo ok\r');
    const text = (await screen(t)).join('\n');
    expect(text).toMatch(/Killed +sleep 500/);
    expect(text).toContain('\nok\n');
  });
});

describe('pagers', () => {
  it('copy their input when the output is not a terminal', async () => {
    const w = await bootTestWorld();
    expect((await w.run('less /etc/shells')).stdout).toBe('/bin/sh\n/bin/bash\n');
    expect((await w.run('cat /etc/shells | more')).stdout).toBe('/bin/sh\n/bin/bash\n');
    expect((await w.run('more /etc/shells /etc/hostname')).stdout).toBe('::::::::::::::\n/etc/shells\n::::::::::::::\n/bin/sh\n/bin/bash\n::::::::::::::\n/etc/hostname\n::::::::::::::\nscivm-xm4.unilim.fr\n');
    expect((await w.run('less /nonexistent')).stderr).toBe('/nonexistent: No such file or directory\n');
  });

  it('less shows a screen with (END), searches and quits back to the shell', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('less /etc/passwd\r');
    let s = await screen(t);
    expect(s[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    expect(s[11]).toBe('~');
    expect(s[23]).toBe('/etc/passwd (END)');
    // The match is on the screen already and the file ends there: nothing scrolls.
    await t.type('/etudiant\r');
    s = await screen(t);
    expect(s[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    await t.type('/nomatch\r');
    expect((await screen(t))[23]).toBe('Pattern not found  (press RETURN)');
    await t.type('q');
    s = await screen(t);
    expect(s[0]).toBe('root@scivm-xm4:~# less /etc/passwd');
    expect(s[1]).toBe('root@scivm-xm4:~# ');
  });

  it('more pages a long text with --More--(NN%)', async () => {
    const w = await bootTestWorld();
    await w.run('seq 1 100 > /tmp/numbers');
    const t = await w.terminal();
    await t.type('more /tmp/numbers\r');
    let s = await screen(t);
    expect(s[22]).toBe('23');
    expect(s[23]).toBe('--More--(20%)'); // 60 of 292 bytes read
    await t.type(' ');
    s = await screen(t);
    expect(s[22]).toBe('46');
    await t.type('\r');
    expect((await screen(t))[22]).toBe('47');
    await t.type('q');
    s = await screen(t);
    expect(s[23]).toBe('root@scivm-xm4:~# ');
  });
});

describe('nano', () => {
  it('edits /etc/hosts and writes it with ^O', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('nano /etc/hosts\r');
    let s = await screen(t);
    expect(s[0].trimEnd()).toBe('  GNU nano 1.2.4                  File: /etc/hosts');
    expect(s[2]).toBe('# Do not remove the following line, or various programs');
    expect(s[21]).toBe('                                [ Read 5 lines ]');
    expect(s[22].trimEnd()).toBe('^G Get Help  ^O WriteOut  ^R Read File ^Y Prev Page ^K Cut Text  ^C Cur Pos');
    expect(s[23].trimEnd()).toBe('^X Exit      ^J Justify   ^W Where Is  ^V Next Page ^U UnCut Txt ^T To Spell');
    // Go to the end of the file and add a host.
    await t.type('\x16'); // ^V next page: to the magic line
    await t.type('10.1.1.2\tvs.jres.org vs');
    s = await screen(t);
    expect(s[0].trimEnd()).toBe('  GNU nano 1.2.4                  File: /etc/hosts                    Modified');
    await t.type('\x0f');
    s = await screen(t);
    expect(s[21].trimEnd()).toBe('File Name to Write: /etc/hosts');
    expect(s[22].trimEnd()).toBe('^G Get Help         ^T To Files         M-M Mac Format      M-P Prepend');
    await t.type('\r');
    expect((await screen(t))[21]).toBe('                               [ Wrote 6 lines ]');
    await t.type('\x18');
    s = await screen(t);
    expect(s[1]).toBe('root@scivm-xm4:~# ');
    expect((await w.run('tail -1 /etc/hosts')).stdout).toBe('10.1.1.2\tvs.jres.org vs\n');
  });

  it('asks before leaving a modified buffer, cuts lines and searches', async () => {
    const w = await bootTestWorld();
    await w.run('printf "one\\ntwo\\nthree\\n" > /tmp/f');
    const t = await w.terminal();
    await t.type('nano /tmp/f\r');
    await t.type('\x0b'); // ^K cuts "one"
    let s = await screen(t);
    expect(s[2]).toBe('two');
    await t.type('\x17');
    expect((await screen(t))[21].trimEnd()).toBe('Search:');
    await t.type('nothing\r');
    expect((await screen(t))[21]).toBe('                            [ "nothing" not found ]');
    await t.type('\x18');
    s = await screen(t);
    expect(s[21].trimEnd()).toBe('Save modified buffer (ANSWERING "No" WILL DESTROY CHANGES) ?');
    expect(s[22].trimEnd()).toBe(' Y Yes');
    expect(s[23].trimEnd()).toBe(' N No           ^C Cancel');
    await t.type('n');
    expect((await w.run('cat /tmp/f')).stdout).toBe('one\ntwo\nthree\n');
    await t.type('nano /tmp/f\r');
    await t.type('\x0b\x18y\r');
    expect((await w.run('cat /tmp/f')).stdout).toBe('two\nthree\n');
  });

  it('reports a write it may not do', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal();
    await t.type('nano /nodir/new\r');
    expect((await screen(t))[21]).toBe('                                  [ New File ]');
    await t.type('x\x0f\r');
    expect((await screen(t))[21]).toMatch(/\[ Could not open file for writing: No such file or directory \]/);
  });
});

describe('less on a long file', () => {
  it('pages, searches to a line off the screen and goes to the end', async () => {
    const w = await bootTestWorld();
    await w.run('seq 1 100 > /tmp/numbers');
    const t = await w.terminal();
    await t.type('less /tmp/numbers\r');
    let s = await screen(t);
    expect(s[0]).toBe('1');
    expect(s[23]).toBe('/tmp/numbers');
    await t.type(' ');
    s = await screen(t);
    expect([s[0], s[23]]).toEqual(['24', ':']);
    await t.type('/^50$\r');
    expect((await screen(t))[0]).toBe('50');
    await t.type('G');
    s = await screen(t);
    expect([s[0], s[22], s[23]]).toEqual(['78', '100', '(END)']);
    await t.type('g');
    expect((await screen(t))[0]).toBe('1');
    await t.type('q');
    expect((await screen(t))[1]).toBe('root@scivm-xm4:~# ');
  });
});

describe('watch', () => {
  it('reruns a command every -n seconds full screen and restores the screen on Ctrl-C', async () => {
    const w = await bootTestWorld();
    await install(w, '/usr/bin/watch', 'watch');
    const t = await w.terminal();
    await t.type('watch -n 5 date\r');
    let s = await screen(t);
    expect(s[0]).toBe('Every 5.0s: date                                        Tue May 30 09:00:00 2006');
    expect(s[2].trimEnd()).toBe('Tue May 30 09:00:00 CEST 2006');
    w.world.advanceTime(5000);
    await w.settle();
    s = await screen(t);
    expect(s[2].trimEnd()).toBe('Tue May 30 09:00:05 CEST 2006');
    await t.type('\x03');
    s = await screen(t);
    expect(s[0]).toBe('root@scivm-xm4:~# watch -n 5 date');
    expect(s[1]).toBe('root@scivm-xm4:~# ');
    expect((await w.run('watch date')).stderr).toBe('Error opening terminal: unknown.\n');
  });
});
