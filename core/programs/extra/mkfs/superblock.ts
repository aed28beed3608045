/**
 * The few superblock bytes mke2fs leaves in an image file so `file` can tell an ext2/ext3
 * filesystem: s_magic 0xEF53 at byte 1080, s_rev_level 1 at 1100, s_feature_compat at 1116
 * (has_journal, 0x4, for ext3). Files hold text, so the magic's byte 0xEF is stored as its
 * UTF-8 form; the reader accepts both.
 */
import { O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { utf8Bytes } from '../../lib/io.js';

const MAGIC_AT = 1080;
const REV_AT = 1100;
const COMPAT_AT = 1116;
const HAS_JOURNAL = 0x4;

/** Write the superblock fields at their byte offsets. Throws SyscallError. */
export async function writeSuperblockMark(proc: Process, path: string, type: 'ext2' | 'ext3'): Promise<void> {
  const fd = proc.open(path, O_WRONLY);
  try {
    const at = async (offset: number, bytes: string) => {
      proc.file(fd).offset = offset;
      await proc.write(fd, bytes);
    };
    await at(MAGIC_AT, '\x53\xef');
    await at(REV_AT, '\x01');
    await at(COMPAT_AT, type === 'ext3' ? String.fromCharCode(HAS_JOURNAL) : '\0');
  } finally {
    proc.close(fd);
  }
}

/** 'ext2' or 'ext3' when the first bytes of a file carry our superblock, else undefined. */
export function readSuperblockMark(head: string): 'ext2' | 'ext3' | undefined {
  if (head.length < MAGIC_AT) return undefined;
  const b = utf8Bytes(head.slice(0, COMPAT_AT + 4));
  const magic = b[MAGIC_AT] === 0x53 && (b[MAGIC_AT + 1] === 0xef || (b[MAGIC_AT + 1] === 0xc3 && b[MAGIC_AT + 2] === 0xaf));
  if (!magic || b[REV_AT] !== 1) return undefined;
  return (b[COMPAT_AT]! & HAS_JOURNAL) !== 0 ? 'ext3' : 'ext2';
}
