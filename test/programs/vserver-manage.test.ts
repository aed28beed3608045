/**
 * `vserver` on the seed's host (reference §8): build (skeleton, the seed's apt-rpm command,
 * debootstrap), start, status, exec, enter, stop, delete, the boot script, and every error the
 * tool prints. The guests are the built-in minimal systems (install.ts).
 */
import { describe, expect, it } from 'vitest';
import { bootTestWorld, type TestWorld } from '../support/world.js';

/** The seed's host with util-vserver's init scripts and directories, after vprocunhide ran at boot. */
function host(): Promise<TestWorld> {
  return bootTestWorld();
}

const SEED_BUILD = 'vserver vs build -m apt-rpm --context 33 --hostname vs.jres.org --interface vs=eth0:10.1.1.2 --flags virt_uptime,virt_mem -- -d rhel4';

const RPM_WARNING =
  "WARNING: you are going to use an rpm-based installation method without\n  having an 'initpre' script. Such a script is highly recommend to\n  workaround bugs in rpm which can cause messages like\n\n  | error: unpacking of archive failed on file /usr/bin/X11;42dd8791:\n\n  Please read http://linux-vserver.org/HowToRegisterNewDistributions\n  for information how to add support for your own distribution.\n";

const RC3_START = 'Starting system logger: [  OK  ]\r\nStarting kernel logger: [  OK  ]\r\nStarting sshd:[  OK  ]\r\nStarting crond: [  OK  ]\r\n';
const RC6_STOP = 'Stopping sshd:[  OK  ]\r\nStopping crond: [  OK  ]\r\nShutting down kernel logger: [  OK  ]\r\nShutting down system logger: [  OK  ]\r\n';

/** The seed's guest, built and started. */
async function seedGuestRunning(): Promise<TestWorld> {
  const w = await host();
  expect((await w.run(SEED_BUILD)).status).toBe(0);
  const start = await w.run('vserver vs start');
  expect(start).toEqual({ stdout: RC3_START, stderr: '', status: 0 });
  return w;
}

describe('vserver … build', () => {
  it("the seed's apt-rpm command writes the configuration tree, the guest root and its package directory", async () => {
    const w = await host();
    expect(await w.run(SEED_BUILD)).toEqual({ stdout: '', stderr: RPM_WARNING, status: 0 });
    const tree = await w.run('cd /etc/vservers/vs && find . | sort');
    expect(tree.stdout).toBe(
      [
        '.',
        './apps',
        './apps/init',
        './apps/pkgmgmt',
        './apps/pkgmgmt/base',
        './cache',
        './cflags',
        './context',
        './fstab',
        './interfaces',
        './interfaces/0',
        './interfaces/0/dev',
        './interfaces/0/ip',
        './interfaces/0/name',
        './name',
        './run',
        './uts',
        './uts/nodename',
        './vdir',
        '',
      ].join('\n'),
    );
    const files = await w.run(
      'cd /etc/vservers/vs; for f in context name uts/nodename interfaces/0/ip interfaces/0/dev interfaces/0/name cflags; do echo "$f: $(cat $f | tr "\\n" " ")"; done; for l in vdir run cache apps/pkgmgmt/base; do readlink $l; done; cat fstab',
    );
    expect(files.stdout).toBe(
      'context: 33 \nname: vs \nuts/nodename: vs.jres.org \ninterfaces/0/ip: 10.1.1.2 \ninterfaces/0/dev: eth0 \ninterfaces/0/name: vs \ncflags: virt_uptime virt_mem \n' +
        '/etc/vservers/.defaults/vdirbase/vs\n/var/run/vservers/vs\n/etc/vservers/.defaults/cachebase/vs\n/etc/vservers/.defaults/vdirbase/.pkg/vs\n' +
        'none\t/proc\t\tproc\tdefaults\t\t0 0\nnone\t/tmp\t\ttmpfs\tsize=16m,mode=1777\t0 0\nnone\t/dev/pts\tdevpts\tgid=5,mode=620\t\t0 0\n',
    );
    const root = await w.run(
      'ls /vservers/.pkg/vs; cd /vservers/vs/dev; stat -c "%A %t,%T %n" null zero full random urandom tty ptmx; stat -c "%A %n" pts shm; readlink fd; readlink stdin; ls /vservers/vs/etc/redhat-release /vservers/vs/etc/rc.d/rc; cat /vservers/vs/etc/resolv.conf',
    );
    expect(root.stdout).toBe(
      'apt\nrpm\ncrw-rw-rw- 1,3 null\ncrw-rw-rw- 1,5 zero\ncrw-rw-rw- 1,7 full\ncrw-r--r-- 1,8 random\ncrw-r--r-- 1,9 urandom\ncrw-rw-rw- 5,0 tty\ncrw-rw-rw- 5,2 ptmx\n' +
        'drwxr-xr-x pts\ndrwxrwxrwt shm\n/proc/self/fd\nfd/0\n/vservers/vs/etc/rc.d/rc\n/vservers/vs/etc/redhat-release\nsearch unilim.fr\nnameserver 192.168.1.1\n',
    );
  });

  it('skeleton: a minimal tree, /dev and /proc, no distribution; without --context the xids come from context.next, from 40000', async () => {
    const w = await host();
    expect(await w.run('vserver a build -m skeleton --interface 10.0.0.1/24')).toEqual({ stdout: '', stderr: "No device specified for interface '0'; setting 'nodev'\n", status: 0 });
    expect((await w.run('vserver b build -m skeleton')).status).toBe(0);
    const r = await w.run('cat /etc/vservers/a/context /etc/vservers/b/context /etc/vservers/.defaults/context.next; ls /vservers/a; ls /etc/vservers/a/interfaces/0; cat /etc/vservers/a/interfaces/0/prefix');
    expect(r.stdout).toBe('40000\n40001\n40002\ndev\netc\nproc\nip\nnodev\nprefix\n24\n');
    // A skeleton guest has no rc to run: vcontext is left without a command.
    const start = await w.run('vserver a start');
    expect(start.status).toBe(255);
    expect(start.stderr).toBe(
      "secure-mount: chdir(\"/tmp\"): No such file or directory\n/etc/vservers/a/fstab:2:1: failed to mount fstab-entry\nNo command given; use '--help' for more information.\n" +
        "\nAn error occured while executing the vserver startup sequence; when\nthere are no other messages, it is very likely that the init-script\n() failed.\n\nCommon causes are:\n* /etc/rc.d/rc on Fedora Core 1 and RH9 fails always; the 'apt-rpm' build\n  method knows how to deal with this, but on existing installations,\n  appending 'true' to this file will help.\n\n\nFailed to start vserver 'a'\n",
    );
    expect(await w.run('vserver a status')).toEqual({ stdout: "Vserver 'a' is stopped\n", stderr: '', status: 3 });
  });

  it('errors: existing guest, context in use, no or unknown method, unknown distribution, bad options', async () => {
    const w = await seedGuestRunning();
    expect(await w.run('vserver vs build -m skeleton')).toEqual({
      stdout: '\n',
      stderr: "vserver-topdirectory '/etc/vservers/.defaults/vdirbase/vs' and/or configuration at '/etc/vservers/vs'\nexist already; please try to use '--force', or remove them manually.",
      status: 1,
    });
    expect(await w.run('vserver other build -m skeleton --context 33')).toEqual({ stdout: '', stderr: "Context '33' is already in use. Please select another one.\n", status: 1 });
    expect(await w.run('vserver other build --context 34')).toEqual({ stdout: '', stderr: 'No build-method specified\n', status: 1 });
    expect(await w.run('vserver other build -m foo')).toEqual({ stdout: '', stderr: "Unknown build-method 'foo'\n", status: 1 });
    expect(await w.run('vserver other build -m apt-rpm -- -d rhel9')).toEqual({
      stdout: '\n',
      stderr: "ERROR: Can not find configuration for the distribution 'rhel9';\n  please read http://linux-vserver.org/HowToRegisterNewDistributions\n  for information how to add support for your own distribution.",
      status: 1,
    });
    // Without -d the distribution is guessed from /etc/redhat-release: "rh" + its fifth word.
    expect((await w.run('vserver other build -m apt-rpm')).stderr).toContain("the distribution 'rhAS';");
    expect(await w.run('vserver other build -m skeleton --bogus')).toEqual({ stdout: '', stderr: "vserver-build: unrecognized option `--bogus'\n", status: 1 });
    expect(await w.run('vserver other build -m rsync')).toEqual({ stdout: '', stderr: 'vserver-build.rsync: --source argument required\n', status: 1 });
    // A failed build leaves nothing behind.
    expect((await w.run('ls /etc/vservers /vservers')).stdout).toBe('/etc/vservers:\nvs\n\n/vservers:\nvs\n');
    // --force renames what is there.
    const force = await w.run('vserver vs stop >/dev/null 2>&1; vserver vs build -m skeleton --force --context 35');
    expect(force.status).toBe(0);
    expect(force.stdout).toMatch(/^Renamed '\/etc\/vservers\/\.defaults\/vdirbase\/vs' to '\/etc\/vservers\/\.defaults\/vdirbase\/vs\.~\d+~'\nRenamed '\/etc\/vservers\/vs' to '\/etc\/vservers\/vs\.~\d+~'\n$/);
  });
});

describe('vserver … start, status, exec, enter, stop', () => {
  it('start: the context, its names, flags and capabilities, the address on eth0, the run file; status and running', async () => {
    const w = await seedGuestRunning();
    expect(await w.run('vserver vs status')).toEqual({ stdout: "Vserver 'vs' is running at context '33'\nNumber of processes:  4\nUptime:               00:00\n", stderr: '', status: 0 });
    expect(await w.run('vserver vs running')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await w.run('vserver vs start')).toEqual({ stdout: '', stderr: "vserver 'vs' already running\n", status: 0 });
    const proc = await w.run('cat /proc/virtual/33/status; cat /var/run/vservers/vs; readlink /var/run/vservers.rev/33');
    expect(proc.stdout).toBe('UseCnt:\t6\nTasks:\t4\nFlags:\t0000001602030010\nBCaps:\tffffffffb44c04ff\nCCaps:\t0000000000004101\nTicks:\t0\n33\n/etc/vservers/vs\n');
    const ip = await w.run('ip addr show eth0 | grep inet');
    expect(ip.stdout).toBe('    inet 192.168.1.128/24 brd 192.168.1.255 scope global eth0\n    inet 10.1.1.2/32 scope global eth0:vs\n');
    // An hour later the uptime says so.
    await w.world.clock.advance(3_720_000);
    expect((await w.run('vserver vs status')).stdout).toContain('Uptime:               01:02\n');
  });

  it('start applies rlimits/, sched/, bcapabilities and nice from the configuration', async () => {
    const w = await host();
    await w.run(
      `${SEED_BUILD} 2>/dev/null; cd /etc/vservers/vs; mkdir rlimits sched; echo 50 >rlimits/nproc; echo 25000 >rlimits/as.hard; echo 2 >sched/fill-rate; echo 8 >sched/interval; echo NET_RAW >bcapabilities; echo 5 >nice`,
    );
    const r = await w.run('vserver vs start >/dev/null; cat /proc/virtual/33/limit; grep -E "FillRate|Interval" /proc/virtual/33/sched; grep BCaps /proc/virtual/33/status; vserver vs exec ps axo ni,comm');
    expect(r.stdout).toMatch(/^PROC:\t {7}4\/50\nVM:\t +\d+\/25000\nVML:\t {7}0\/-1\nRSS:\t +\d+\/-1\nFILES:\t +\d+\/-1\n/);
    expect(r.stdout).toContain('FillRate:\t       2\nInterval:\t       8\nBCaps:\tffffffffb44c24ff\n NI COMMAND\n  5 syslogd\n  5 klogd\n  5 sshd\n  5 crond\n  5 ps\n');
    // A limit the guest cannot live with: its rc cannot even be executed.
    await w.run('vserver vs stop >/dev/null 2>&1; echo 100 >/etc/vservers/vs/rlimits/as.hard');
    expect((await w.run('vserver vs start')).stderr).toMatch(/^vcontext: execvp\("\/etc\/rc\.d\/rc"\): Cannot allocate memory\n/);
  });

  it("exec: ps shows only the guest's processes (no pid 1 in a sysv guest), uname and ip the guest's", async () => {
    const w = await seedGuestRunning();
    const ps = await w.run('vserver vs exec ps ax');
    expect(ps.stdout).toMatch(/^ {2}PID TTY {6}STAT {3}TIME COMMAND\n +\d+ \? +Ss +0:00 syslogd -m 0\n +\d+ \? +Ss +0:00 klogd -x\n +\d+ \? +Ss +0:00 \/usr\/sbin\/sshd\n +\d+ \? +Ss +0:00 crond\n +\d+ \? +R +0:00 ps ax\n$/);
    expect((await w.run('vserver vs exec hostname; vserver vs exec uname -n')).stdout).toBe('vs.jres.org\nvs.jres.org\n');
    expect((await w.run('vserver vs exec ip addr')).stdout).toBe('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n    link/ether 00:16:3e:85:be:a5 brd ff:ff:ff:ff:ff:ff\n    inet 10.1.1.2/32 scope global eth0:vs\n');
    // The secure bounding set: util-vserver's 32-bit mask leaves MAC_OVERRIDE and MAC_ADMIN (bits 32, 33).
    expect((await w.run('vserver vs exec cat /proc/self/status | grep -E "^(VxID|NxID|CapEff)"')).stdout).toBe('CapEff:\t00000003b44c04ff\nVxID:\t33\nNxID:\t33\n');
    expect((await w.run('vserver vs suexec 74 id')).stdout).toBe('uid=74(sshd) gid=0(root) groups=0(root)\n');
    expect(await w.run('vserver vs exec nosuchcommand')).toEqual({ stdout: '', stderr: 'vcontext: execvp("nosuchcommand"): No such file or directory\n', status: 255 });
    // The host does not see the guest's processes.
    expect((await w.run('pgrep -x klogd | wc -l')).stdout.trim()).toBe('1');
  });

  it('mounts: the fstab is mounted in the guest\'s own namespace; what the host mounts later stays on the host', async () => {
    const w = await seedGuestRunning();
    expect((await w.run('vserver vs exec mount')).stdout).toBe(
      '/dev/hdv1 on / type ufs (defaults)\nnone on /proc type proc (defaults)\nnone on /tmp type tmpfs (size=16m,mode=1777)\nnone on /dev/pts type devpts (gid=5,mode=620)\n',
    );
    // The guest's /proc and /tmp are not mounted on the host.
    const onHost = await w.run('grep -c vservers /proc/mounts; ls -A /vservers/vs/proc; stat -c %a /vservers/vs/tmp');
    expect(onHost.stdout).toBe('0\n1777\n');
    expect((await w.run('vserver vs exec ls -d /proc/uptime /proc/self; vserver vs exec stat -c "%a %F" /tmp')).stdout).toBe('/proc/self\n/proc/uptime\n1777 directory\n');
    // A tmpfs the host mounts on the guest's /mnt now is invisible in the guest's namespace.
    await w.run('mount -t tmpfs none /vservers/vs/mnt && touch /vservers/vs/mnt/host-file');
    expect((await w.run('ls /vservers/vs/mnt')).stdout).toBe('host-file\n');
    expect((await w.run('vserver vs exec ls /mnt')).stdout).toBe('');
    // And the guest's root cannot mount at all.
    expect((await w.run('vserver vs exec mount -t tmpfs none /mnt')).status).not.toBe(0);
  });

  it("enter: an interactive root shell in the guest, the prompt shows the guest's host name", async () => {
    const w = await seedGuestRunning();
    const t = await w.terminal();
    t.take();
    await t.type('vserver vs enter\r');
    expect(t.take()).toBe('vserver vs enter\r\n[root@vs /]# ');
    await t.type('hostname\r');
    expect(t.take()).toBe('hostname\r\nvs.jres.org\r\n[root@vs /]# ');
    await t.type('exit\r');
    expect(t.take()).toBe('exit\r\nlogout\r\nroot@scivm-xm4:~# ');
  });

  it('stop: rc 6 in the guest, the kill sequence; the context, its address, mounts and run file are gone; restart', async () => {
    const w = await seedGuestRunning();
    const stop = await w.run('vserver vs stop');
    expect(stop.stdout).toBe(RC6_STOP);
    expect(stop.stderr).toBe(
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (10.1.1.2/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n',
    );
    expect(stop.status).toBe(0);
    expect(await w.run('vserver vs status')).toEqual({ stdout: "Vserver 'vs' is stopped\n", stderr: '', status: 3 });
    expect(await w.run('vserver vs running')).toEqual({ stdout: '', stderr: '', status: 1 });
    // The security context went with its last process.
    expect((await w.run('ls /proc/virtual; ip addr show eth0 | grep -c 10.1.1.2; ls /var/run/vservers')).stdout).toBe('info\nstatus\n0\n');
    // No namespace holds the guest's /proc any more: its mount point can go.
    expect(await w.run('rmdir /vservers/vs/proc && echo removed')).toEqual({ stdout: 'removed\n', stderr: '', status: 0 });
    await w.run('mkdir /vservers/vs/proc');
    expect(await w.run('vserver vs stop')).toEqual({ stdout: '', stderr: "vserver 'vs' is not running\n", status: 0 });
    const restart = await w.run('vserver vs start >/dev/null && vserver vs restart');
    expect(restart.stdout).toBe(RC6_STOP + RC3_START);
    expect((await w.run('vserver vs status')).stdout).toContain("is running at context '33'");
  });

  it('plain init style: the guest runs its own /sbin/init as a fake init, pid 1 inside', async () => {
    const w = await host();
    expect((await w.run('vserver p build -m apt-rpm --context 44 --initstyle plain --hostname p --interface eth0:10.1.1.4/24 -- -d centos4')).status).toBe(0);
    // --verbose lets the helpers speak: chbind, then vcontext --create.
    expect(await w.run('vserver --verbose p start')).toEqual({ stdout: 'New network context is 44\nAdding 10.1.1.4\nNew security context is 44\n', stderr: '', status: 0 });
    const ps = await w.run('vserver p exec ps axo pid,ppid,comm');
    expect(ps.stdout).toMatch(/^ {2}PID {2}PPID COMMAND\n {4}1 {5}0 init\n +\d+ +1 ps\n$/);
    expect((await w.run('cat /proc/virtual/44/status | grep Flags')).stdout).toBe('Flags:\t0000001402020010\n');
    expect((await w.run('ip addr show eth0 | grep 10.1.1.4')).stdout).toBe('    inet 10.1.1.4/24 brd 10.1.1.255 scope global eth0\n');
    expect(await w.run('vserver p stop')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('vserver p status')).status).toBe(3);
  });

  it('debootstrap: a Debian guest starts with /etc/init.d/rc', async () => {
    const w = await host();
    expect(await w.run('vserver deb build -m debootstrap --context 50 --hostname deb -- -d sarge')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await w.run('ls /etc/vservers/deb/apps/pkgmgmt; cat /vservers/deb/etc/debian_version')).stdout).toBe('internal\n3.1\n');
    expect(await w.run('vserver deb start')).toEqual({ stdout: 'Starting system log daemon: syslogd.\nStarting periodic command scheduler: cron.\n', stderr: '', status: 0 });
    expect((await w.run('vserver deb stop')).stdout).toBe('Stopping periodic command scheduler: cron.\nStopping system log daemon: syslogd.\n');
  });
});

describe('vserver errors and delete', () => {
  it('unknown guest, unknown command, commands that need a running guest, bad configuration', async () => {
    const w = await host();
    expect(await w.run('vserver nosuch start')).toEqual({
      stdout: '',
      stderr:
        "Can not find a vserver-setup at '/etc/vservers/nosuch/'.\n\nPossible solutions:\n* fix the spelling of the 'nosuch' vserver name\n* read 'vserver nosuch build --help' about ways to create a new vserver\n* see 'vserver --help' for the syntax of this command\n\n",
      status: 5,
    });
    await w.run(SEED_BUILD + ' 2>/dev/null');
    const usage = 'Usage: /usr/sbin/vserver <vserver> {start|stop|suexec|restart|condrestart|exec|enter|chkconfig|running|status|delete}\n';
    expect(await w.run('vserver vs frobnicate')).toEqual({ stdout: '', stderr: usage, status: 2 });
    expect(await w.run('vserver')).toEqual({ stdout: '', stderr: usage, status: 2 });
    expect(await w.run('vserver --frob vs start')).toEqual({ stdout: '', stderr: "/usr/sbin/vserver: unrecognized option `--frob'\n", status: 1 });
    const notRunning = { stdout: '', stderr: "'vserver ... suexec' is supported for running vservers only; aborting...\n", status: 1 };
    expect(await w.run('vserver vs exec ps')).toEqual(notRunning);
    expect(await w.run('vserver vs enter')).toEqual(notRunning);
    expect(await w.run('vserver vs suexec 0 id')).toEqual(notRunning);
    expect((await w.run('vserver --help')).stdout).toMatch(/^Usage: vserver \[-s\|--sync\] \[-v\|--verbose\] \[--silent\] \[--debug\]\n/);
    expect((await w.run('vserver --version')).stdout).toMatch(/^vserver 0\.30\.210 -- manages the state of vservers\n/);

    const failed = "\n\nFailed to start vserver 'vs'\n";
    expect(await w.run('echo foo >/etc/vservers/vs/apps/init/style; vserver vs start')).toEqual({ stdout: '', stderr: `Unknown init-style 'foo'; aborting\n${failed}`, status: 1 });
    expect(await w.run('rm /etc/vservers/vs/apps/init/style /etc/vservers/vs/interfaces/0/ip; vserver vs start')).toEqual({ stdout: '', stderr: `Can not read ip for '/etc/vservers/vs/interfaces/0'\n${failed}`, status: 1 });
    expect(await w.run('echo 10.1.1.2 >/etc/vservers/vs/interfaces/0/ip; rm /etc/vservers/vs/interfaces/0/dev; vserver vs start')).toEqual({ stdout: '', stderr: `No device specified for '/etc/vservers/vs/interfaces/0'\n${failed}`, status: 1 });
    const badFlag = await w.run('echo eth0 >/etc/vservers/vs/interfaces/0/dev; echo frob >>/etc/vservers/vs/cflags; vserver vs start');
    expect(badFlag.status).toBe(1);
    expect(badFlag.stderr).toMatch(/^Unknown flag 'frob'\n\nAn error occured while executing the vserver startup sequence;[^]*\(\/etc\/rc\.d\/rc 3\) failed\.[^]*\n\n\nFailed to start vserver 'vs'\n$/);
    // The failed start took its address off eth0 again.
    expect((await w.run('ip addr show eth0 | grep -c 10.1.1.2')).stdout).toBe('0\n');
  });

  it('delete asks, stops the guest and removes its root, configuration and package data', async () => {
    const w = await seedGuestRunning();
    expect(await w.run('vserver vs delete', { stdin: 'n\n' })).toEqual({ stdout: '', stderr: '', status: 2 });
    expect((await w.run('vserver vs running')).status).toBe(0);
    const del = await w.run('vserver vs delete', { stdin: 'y\n' });
    expect(del).toEqual({ stdout: RC6_STOP, stderr: expect.stringContaining('wildcard deletion') as unknown as string, status: 0 });
    expect((await w.run('ls -a /etc/vservers /vservers /vservers/.pkg; ls /proc/virtual')).stdout).toBe('/etc/vservers:\n.\n..\n.defaults\n\n/vservers:\n.\n..\n.pkg\n\n/vservers/.pkg:\n.\n..\ninfo\nstatus\n');
  });
});

describe('starting the marked guests at boot', () => {
  it("/etc/init.d/vservers-default starts and stops the guests whose apps/init/mark is 'default'", async () => {
    const w = await host();
    await w.run(`${SEED_BUILD} 2>/dev/null; vserver other build -m skeleton --context 34; echo default >/etc/vservers/vs/apps/init/mark`);
    expect(await w.run('/etc/init.d/vservers-default start')).toEqual({ stdout: "Starting vservers of type 'default'...[  OK  ]\r\n", stderr: '', status: 0 });
    expect((await w.run('vserver vs status; vserver other status')).stdout).toBe("Vserver 'vs' is running at context '33'\nNumber of processes:  4\nUptime:               00:00\nVserver 'other' is stopped\n");
    expect(await w.run('/etc/init.d/vservers-default status')).toEqual({ stdout: "vservers of type 'default' were started\n", stderr: '', status: 0 });
    expect((await w.run('/etc/init.d/vservers-default start')).stdout).toBe("Starting vservers of type 'default'...[  OK  ]\r\n");
    const stop = await w.run('/etc/init.d/vservers-default stop');
    expect(stop.stdout).toBe("Stopping vservers of type 'default'...[  OK  ]\r\n");
    expect(stop.stderr).toMatch(/^Warning: Executing wildcard deletion/);
    expect((await w.run('vserver vs status')).status).toBe(3);
    expect((await w.run('ls /etc/rc.d/rc3.d | grep -E "vservers|rebootmgr"')).stdout).toBe('S98rebootmgr\nS98vservers-default\n');
    expect(await w.run('/etc/init.d/rebootmgr start; sleep 1; /etc/init.d/rebootmgr status')).toEqual({ stdout: 'Starting the reboot manager\nrebootmgr is running\n', stderr: '', status: 0 });
  });
});

describe('what the scripts above need from bash', () => {
  it("a script's own options stay its arguments; `bash -login` is a login shell", async () => {
    const w = await bootTestWorld();
    expect((await w.run('printf \'echo "$@"\\n\' >/tmp/s; bash /tmp/s -m default -j 6 --all; bash -c \'echo "$0:$@"\' x -m y')).stdout).toBe('-m default -j 6 --all\nx:-m y\n');
    // A login shell reads /etc/profile, which sets HISTSIZE.
    expect((await w.run('bash -login -c \'echo "[$HISTSIZE]"\'; bash -c \'echo "[$HISTSIZE]"\'')).stdout).toBe('[1000]\n[]\n');
  });
});
