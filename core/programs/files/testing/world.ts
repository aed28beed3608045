/**
 * A small machine for testing the file programs end to end: the kernel, the test VFS laid out as
 * a Red Hat 4 root (programs installed as files, /etc/passwd, /dev nodes, a second disk), and the
 * real shell. `run(line)` runs one shell command line as root (or another user) and returns what it
 * printed — the same shape as the world's `bootTestWorld().run()`, so tests run against both.
 */
import { SimClock } from '../../../kernel/clock.js';
import { SyscallError } from '../../../kernel/errno.js';
import { Kernel } from '../../../kernel/kernel.js';
import { Process, type ProcessHost } from '../../../kernel/process.js';
import { SIG } from '../../../kernel/signals.js';
import type { Task, WaitStatus } from '../../../kernel/task.js';
import { PROGRAM_DIRECTORIES, PROGRAM_LINKS, baseFiles } from '../../../world/presets/redhat-base.js';
import { findProgram, programNames } from '../../registry.js';
import { TestVfs } from './vfs.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface RunOptions {
  stdin?: string;
  /** Run as this user (no capabilities unless 0). */
  uid?: number;
  gid?: number;
  env?: Record<string, string>;
  cwd?: string;
}

export interface FilesWorld {
  run(line: string, options?: RunOptions): Promise<RunResult>;
  readonly vfs: TestVfs;
  readonly kernel: Kernel;
  /** Move the simulated clock forward. */
  advance(seconds: number): void;
}

export function bootFilesWorld(options: { rootBlocks?: number; yieldToHost: () => Promise<void> }): FilesWorld {
  const yieldToHost = options.yieldToHost;
  const internal: string[] = [];
  const kernel = new Kernel(new SimClock(), { yieldToHost, debug: (m) => internal.push(m) });
  const vfs = new TestVfs(() => Math.floor(kernel.clock.epochSeconds), () => kernel.tasks.values(), options.rootBlocks);
  buildRoot(vfs);

  const host: ProcessHost = {
    kernel,
    loadProgram(task: Task, path: string, argv: string[]) {
      const r = vfs.resolve(task, path, true);
      if (!r.node) throw new SyscallError('ENOENT');
      if (r.node.type === 'dir') throw new SyscallError('EACCES');
      if (!vfs.permits(task, r.node, 1)) throw new SyscallError('EACCES');
      // A program is known by its inode (installed files) or by its content (copies of them).
      let name = r.node.program ?? programInImage(r.node.content);
      let args = argv;
      if (!name && r.node.content.startsWith('#!')) {
        const interp = r.node.content.slice(2, r.node.content.indexOf('\n')).trim().split(/\s+/)[0]!;
        const ir = vfs.resolve(task, interp, true);
        name = ir.node?.program;
        args = [interp, path, ...argv.slice(1)];
      }
      const spec = name ? findProgram(name) : undefined;
      if (!spec) throw new SyscallError('ENOEXEC');
      const base = path.slice(path.lastIndexOf('/') + 1);
      return { path, argv: args, comm: base.slice(0, 15), main: spec.main };
    },
    processFor: (task) => new Process(task, host),
    openFile: (task, path, flags, mode) => vfs.open(task, path, flags, mode),
    fsFor: (task) => vfs.callsFor(task),
    uname: () => ({ sysname: 'Linux', nodename: 'scivm-xm4', release: '2.6.12.6-vs2.0', version: '#1 SMP', machine: 'i686', domainname: '(none)' }),
    setHostname: () => {
      throw new SyscallError('EPERM');
    },
  };
  const init = host.processFor(kernel.createRootTask({ root: null, cwd: null, umask: 0o22, namespace: null }));
  init.task.comm = 'init';
  init.signal(SIG.PIPE, 'ignore');

  async function run(line: string, o: RunOptions = {}): Promise<RunResult> {
    const [inR, inW] = init.pipe();
    const [outR, outW] = init.pipe();
    const [errR, errW] = init.pipe();
    const uid = o.uid ?? 0;
    const home = uid === 0 ? '/root' : '/home/etudiant';
    const env = {
      PATH: '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
      HOME: home,
      USER: uid === 0 ? 'root' : 'etudiant',
      LOGNAME: uid === 0 ? 'root' : 'etudiant',
      SHELL: '/bin/bash',
      ...o.env,
    };
    const pid = init.fork(
      async (child) => {
        if (uid !== 0) {
          const gid = o.gid ?? uid;
          child.task.cred = { uid, gid, euid: uid, egid: gid, groups: [gid], caps: 0n };
        }
        child.fs.chdir(o.cwd ?? home);
        return child.exec('/bin/bash', ['bash', '-c', line], env);
      },
      {
        pgid: 0,
        fds: (child) => {
          child.dup2(inR, 0);
          child.dup2(outW, 1);
          child.dup2(errW, 2);
          for (const fd of child.task.fds.openDescriptors()) if (fd > 2) child.close(fd);
        },
      },
    );
    init.close(inR);
    init.close(outW);
    init.close(errW);
    const feeding = (async () => {
      try {
        if (o.stdin) await init.write(inW, o.stdin);
      } catch {
        // reader gone
      }
      init.close(inW);
    })();
    let finished = false;
    const collecting = Promise.all([init.readAll(outR), init.readAll(errR)]).then(async ([stdout, stderr]) => {
      const status = await init.waitStatus(pid);
      finished = true;
      return { stdout, stderr, status };
    });
    let idle = 0;
    while (!finished) {
      await yieldToHost();
      if (finished) break;
      if (kernel.runnable > 0) {
        idle = 0;
        continue;
      }
      if (kernel.clock.advanceToNextTimer()) continue;
      if (++idle > 200) {
        for (const t of kernel.tasks.values()) if (t.alive && t.pid !== 1) kernel.sendSignal(t, SIG.KILL);
        idle = 0;
      }
    }
    await feeding;
    const r = await collecting;
    init.close(outR);
    init.close(errR);
    if (internal.length) {
      const msg = internal.splice(0).join('\n');
      throw new Error(`internal error while running ${JSON.stringify(line)}:\n${msg}`);
    }
    return { stdout: r.stdout, stderr: r.stderr, status: statusCode(r.status) };
  }

  return {
    run,
    vfs,
    kernel,
    advance(seconds: number) {
      kernel.clock.advance(seconds * 1000);
    },
  };
}

/**
 * What this harness writes into program files: an ELF-looking header naming the program, so that
 * a copy of /bin/ls made with cp, cat, tar, cpio or rsync still runs (see programInImage).
 */
export function programImage(name: string): string {
  return `\x7fELF\x01\x01\x01\0vlab-program:${name}\0`.padEnd(2048, '\0');
}

export function programInImage(content: string): string | undefined {
  const m = /^\x7fELF\x01\x01\x01\0vlab-program:([^\0]+)\0/.exec(content);
  return m?.[1];
}

function statusCode(s: WaitStatus): number {
  if (s.kind === 'exited') return s.code;
  if (s.kind === 'signaled') return 128 + s.signal;
  return -1;
}

function buildRoot(vfs: TestVfs): void {
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/libexec', '/usr/local/bin', '/etc', '/var/log', '/mnt', '/media', '/boot', '/opt', '/srv', '/lib'])
    vfs.ensureDir(d);
  vfs.ensureDir('/root', 0o750);
  vfs.ensureDir('/home/etudiant', 0o700, 500, 500);
  vfs.ensureDir('/proc', 0o555);
  const tmp = vfs.ensureDir('/tmp');
  tmp.perm = 0o1777;
  const installed = new Set<string>();
  for (const [dir, names] of Object.entries(PROGRAM_DIRECTORIES)) {
    for (const name of names.split(' ')) {
      vfs.addFile(`${dir}/${name}`, programImage(name), 0o755, { program: name });
      installed.add(name);
    }
  }
  // Everything else the registry knows (new programs) goes to /usr/bin.
  for (const name of programNames()) if (!installed.has(name)) vfs.addFile(`/usr/bin/${name}`, programImage(name), 0o755, { program: name });
  for (const [link, target] of Object.entries(PROGRAM_LINKS)) vfs.addNode(link, 'symlink', 0o777, { target });
  for (const [path, content] of Object.entries(baseFiles('scivm-xm4.unilim.fr', '192.168.1.10'))) vfs.addFile(path, content, path === '/etc/shadow' ? 0o400 : 0o644);
  const dev = vfs.ensureDir('/dev');
  void dev;
  const cdev = (name: string, major: number, minor: number, perm = 0o666, gid = 0) =>
    vfs.addNode(`/dev/${name}`, 'chardev', perm, { rdevMajor: major, rdevMinor: minor, gid });
  cdev('null', 1, 3);
  cdev('zero', 1, 5);
  cdev('full', 1, 7);
  cdev('random', 1, 8, 0o644);
  cdev('urandom', 1, 9, 0o644);
  cdev('tty', 5, 0, 0o666, 5);
  cdev('console', 5, 1, 0o600);
  const bdev = (name: string, major: number, minor: number) => vfs.addNode(`/dev/${name}`, 'blockdev', 0o660, { rdevMajor: major, rdevMinor: minor, gid: 6 });
  bdev('sda', 8, 0);
  bdev('sda1', 8, 1);
  bdev('sda2', 8, 2);
  bdev('sdb', 8, 16);
  bdev('sdb1', 8, 17);
  for (let i = 0; i < 4; i++) bdev(`loop${i}`, 7, i);
  vfs.disks.set('8:17', vfs.newFilesystem('ext3', 25600, 6400));
  vfs.mountNew('/proc', 'proc', 'none', 0);
  vfs.mountNew('/dev/pts', 'devpts', 'none', 0, 'rw,gid=5,mode=620');
  vfs.mountNew('/dev/shm', 'tmpfs', 'none', 64413);
  vfs.disks.set('8:1', vfs.rootFs);
}
