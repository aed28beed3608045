/**
 * vdlimit — util-vserver 0.30.210 (reference §9.5, src/vdlimit.c): show, set or remove a
 * context's disk limit on a filesystem. Without --set/--remove it prints the entry; --set adds
 * the entry first when there is none (and removes it again if setting fails). Space in KiB,
 * -1 = infinite. The kernel then shows the guest `df` totals cut to the limit and answers ENOSPC
 * past it (core/kernel/vfs).
 */
import { SyscallError } from '../../kernel/errno.js';
import type { DiskLimit } from '../../kernel/fs-calls.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT } from '../vserver/manage/paths.js';
import { asInt, isHigher, keepAll, setField, toDiskLimit, type DlimitValues } from './lib/dlimit-fields.js';
import { runUvTool, type UvTool } from './lib/frame.js';
import { strtol } from './lib/strtol.js';
import { VC_NOCTX, xidFromOption, xidoptCall } from './lib/xid-option.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { short: 'x', long: 'xid', arg: 'required' as const },
  { short: 's', long: 'set', arg: 'required' as const },
  { short: 'd', long: 'remove' },
  { short: 'f', long: 'flags', arg: 'required' as const },
];

const help = (argv0: string) =>
  `Usage: ${argv0} --xid <xid> [--flags <flags>] (--set <limit>=<value>|--remove) <mount point>\n\n` +
  '    --set|-s <limit>=<value>  ...  set <limit> to <value>, where limit is \n' +
  '                           one of: space_used, space_total, inodes_used,\n' +
  '                           inodes_total, reserved\n' +
  '    --remove|-d       ...  removes the disk limit for <xid> from <mount point>\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/** perror(ENSC_WRAPPERS_PREFIX "vc_xxx()") and exit 1. */
function kernelError(tool: UvTool, call: string, e: unknown): Promise<never> {
  if (!(e instanceof SyscallError)) throw e;
  return tool.fail(`vdlimit: ${call}(): ${e.message}\n`, 1);
}

async function setLimit(tool: UvTool, path: string, xid: number, values: DlimitValues): Promise<void> {
  const fs = tool.proc.fs;
  let added = false;
  try {
    fs.getDiskLimit(path, xid);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    try {
      fs.addDiskLimit(path, xid);
    } catch (e2) {
      return kernelError(tool, 'vc_add_dlimit', e2);
    }
    added = true;
  }
  try {
    fs.setDiskLimit(path, xid, toDiskLimit(values));
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    await tool.perror('vdlimit: vc_set_dlimit()', e);
    if (added) {
      try {
        fs.removeDiskLimit(path, xid);
      } catch (e2) {
        if (!(e2 instanceof SyscallError)) throw e2;
        await tool.perror('vdlimit: vc_rem_dlimit()', e2);
      }
    }
    tool.exit(1);
  }
}

async function printLimit(tool: UvTool, path: string, xid: number): Promise<void> {
  let limit: DiskLimit;
  try {
    limit = tool.proc.fs.getDiskLimit(path, xid);
  } catch (e) {
    return kernelError(tool, 'vc_get_dlimit', e);
  }
  tool.print(
    `${xid} ${path}\n` +
      `space_used=${asInt(limit.spaceUsed)}\n` +
      `space_total=${asInt(limit.spaceTotal)}\n` +
      `inodes_used=${asInt(limit.inodesUsed)}\n` +
      `inodes_total=${asInt(limit.inodesTotal)}\n` +
      `reserved=${asInt(limit.reserved)}\n`,
  );
}

defineProgram({
  name: 'vdlimit',
  options: ['--xid', '--set', '--remove', '--flags', '--help', '--version'],
  main: (proc) =>
    runUvTool(proc, 'vdlimit', async (tool) => {
      const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 1, true);
      const values = keepAll();
      let doSet = false;
      let doRemove = false;
      let xid = VC_NOCTX;
      for (const o of options) {
        const value = o.value ?? '';
        if (o.key === 'help') tool.help(help(tool.argv0));
        else if (o.key === 'version') tool.version('manages disk limits', 2005);
        else if (o.key === 'x') {
          try {
            xid = await xidFromOption(proc, value);
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            return tool.fail(`vdlimit: ${xidoptCall(value)}: ${e.message}\n`, 1);
          }
        } else if (o.key === 's') {
          const refused = setField(values, value);
          if (refused) return tool.fail(`vdlimit: ${refused}\n`, 1);
          doSet = true;
        } else if (o.key === 'd') doRemove = true;
        else if (o.key === 'f') {
          // The flags select units of the kernel interface; parsed and checked, then unused here.
          const n = strtol(value);
          if (n.end !== value.length) return tool.fail(`Invalid flags argument: '${value}'; try '--help' for more information\n`, 1);
        }
      }
      if (doSet && doRemove) return tool.fail("Can not specify multiple operations; try '--help' for more information\n", 1);
      if (operands.length === 0) return tool.fail("No mount point specified; try '--help' for more information\n", 1);
      if (xid === VC_NOCTX) return tool.fail("No xid specified; try '--help' for more information\n", 1);
      if (isHigher(values.space_used, values.space_total)) return tool.fail("invalid parameters: 'space_used' is larger than 'space_total'\n", 1);
      if (isHigher(values.inodes_used, values.inodes_total)) return tool.fail("invalid parameters: 'inodes_used' is larger than 'inodes_total'\n", 1);
      for (const path of operands) {
        if (doSet) await setLimit(tool, path, xid, values);
        else if (doRemove) {
          try {
            proc.fs.removeDiskLimit(path, xid);
          } catch (e) {
            await kernelError(tool, 'vc_rem_dlimit', e);
          }
        } else await printLimit(tool, path, xid);
      }
      return 0;
    }),
});
