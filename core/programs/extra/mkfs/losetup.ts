/**
 * losetup — util-linux 2.12a: show a loop device (`losetup /dev/loop0`), attach a file
 * (`losetup /dev/loop0 /disk.raw`), detach (`-d`). That release has neither -a nor -f.
 * The device must be openable read-write (root, and a /dev/loopN node: a guest has none).
 */
import { O_RDWR } from '../../../kernel/file.js';
import { loopTable } from '../../../kernel/loop.js';
import type { Process } from '../../../kernel/process.js';
import { SyscallError } from '../../../kernel/errno.js';
import { getopt, UsageError } from '../../lib/getopt.js';
import { defineProgram } from '../../registry.js';
import { errorMessage } from '../lib/frame.js';

const LOOP_MAJOR = 7;

const usage = (name: string) =>
  `usage:\n  ${name} loop_device                                       # give info\n` +
  `  ${name} -d loop_device                                    # delete\n` +
  `  ${name} [ -e encryption ] [ -o offset ] loop_device file # setup\n`;

/** Open the device as the ioctls need it; the minor number of a loop device. */
async function openLoop(proc: Process, device: string): Promise<number | undefined> {
  let fd: number;
  try {
    fd = proc.open(device, O_RDWR);
  } catch (e) {
    await proc.err(`${device}: ${errorMessage(e)}\n`);
    return undefined;
  }
  proc.close(fd);
  const st = proc.fs.stat(device);
  if (st.type !== 'blockdev' || st.rdevMajor !== LOOP_MAJOR) {
    // The loop ioctls on another device: the driver does not know them.
    await proc.err(`ioctl: LOOP_GET_STATUS: Inappropriate ioctl for device\n`);
    return undefined;
  }
  return st.rdevMinor;
}

function absolute(proc: Process, path: string): string {
  if (path.startsWith('/')) return path;
  const cwd = proc.fs.getcwd();
  return `${cwd === '/' ? '' : cwd}/${path}`;
}

defineProgram({
  name: 'losetup',
  options: ['-d', '-e', '-o', '-v'],
  main: async (proc) => {
    const name = proc.argv[0] ?? 'losetup';
    let parsed;
    try {
      parsed = getopt(proc.argv.slice(1), [{ short: 'd' }, { short: 'e', arg: 'required' }, { short: 'E', arg: 'required' }, { short: 'o', arg: 'required' }, { short: 'p', arg: 'required' }, { short: 'v' }]);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`${name}: ${e.message}\n${usage(name)}`);
      return 1;
    }
    const keys = new Set(parsed.options.map((o) => o.key));
    const offset = Number(parsed.options.find((o) => o.key === 'o')?.value ?? 0);
    const table = loopTable(proc.kernel);
    const ops = parsed.operands;
    if (keys.has('d')) {
      if (ops.length !== 1) {
        await proc.err(usage(name));
        return 1;
      }
      const minor = await openLoop(proc, ops[0]!);
      if (minor === undefined) return 1;
      try {
        table.detach(minor);
      } catch (e) {
        await proc.err(`ioctl: LOOP_CLR_FD: ${errorMessage(e)}\n`);
        return 1;
      }
      return 0;
    }
    if (ops.length === 1) {
      const minor = await openLoop(proc, ops[0]!);
      if (minor === undefined) return 1;
      try {
        const b = table.status(minor);
        await proc.out(`${ops[0]}: [${b.dev.toString(16).padStart(4, "0")}]:${b.ino} (${b.path})\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await proc.err(`loop: can't get info on device ${ops[0]}: ${e.message}\n`);
        return 1;
      }
    }
    if (ops.length !== 2) {
      await proc.err(usage(name));
      return 1;
    }
    const [device, file] = ops as [string, string];
    let st;
    try {
      st = proc.fs.stat(file);
      proc.close(proc.open(file, O_RDWR));
    } catch (e) {
      await proc.err(`${name}: ${file}: ${errorMessage(e)}\n`);
      return 1;
    }
    const minor = await openLoop(proc, device);
    if (minor === undefined) return 1;
    try {
      table.attach(minor, { path: absolute(proc, file), dev: st.dev, ino: st.ino });
    } catch (e) {
      await proc.err(`ioctl: LOOP_SET_FD: ${errorMessage(e)}\n`);
      return 1;
    }
    if (keys.has('v')) await proc.out(`set_loop(${device},${file},${offset}): success\n`);
    return 0;
  },
});
