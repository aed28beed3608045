/**
 * The layout mke2fs 1.35 chooses for a device: block size and inode ratio from its size class
 * (set_fs_defaults), then libext2fs's ext2fs_initialize() arithmetic — groups, inodes per group
 * rounded to whole inode-table blocks and to a multiple of 8, a too-small last group dropped —
 * the sparse superblock backups, the reserved blocks, the journal size and statfs's overhead.
 */

export interface GeometryRequest {
  /** Size of the device or file in bytes. */
  deviceBytes: number;
  /** -b; 0 = chosen from the size. */
  blockSize?: number;
  /** -i bytes-per-inode; 0 = chosen from the size. */
  inodeRatio?: number;
  /** -N */
  inodes?: number;
  /** -m (default 5). */
  reservedPercent?: number;
  /** The blocks-count operand: in blocks of the -b size, or of 1 KiB without -b. */
  blocksCount?: number;
  /** -T news | largefile | largefile4 */
  usage?: string;
  /** Make an ext3 journal (-j, mkfs.ext3). */
  journal?: boolean;
}

export interface Geometry {
  blockSize: number;
  logBlockSize: number;
  blocksCount: number;
  firstDataBlock: number;
  blocksPerGroup: number;
  groups: number;
  inodesCount: number;
  inodesPerGroup: number;
  inodeTableBlocks: number;
  reservedBlocks: number;
  reservedPercent: number;
  /** Blocks holding backup superblocks (sparse_super: groups 1 and powers of 3, 5, 7). */
  backups: number[];
  /** 0 without a journal; 1024, 4096 or 8192 blocks by size. */
  journalBlocks: number;
  /** Blocks statfs does not count: first data block, bitmaps, inode tables, superblocks and descriptors. */
  overheadBlocks: number;
}

export type GeometryError = 'too-small' | 'zero-size' | 'too-many-inodes';

const INODE_SIZE = 128;
const FIRST_INODE = 11;

/** mke2fs's size classes: [type, max size in MiB (0 = any), block size, inode ratio]; -1 = page size. */
const SETTINGS: readonly (readonly [string, number, number, number])[] = [
  ['default', 0, 4096, 8192],
  ['default', 512, 1024, 4096],
  ['default', 3, 1024, 8192],
  ['journal', 0, 4096, 8192],
  ['news', 0, 4096, 4096],
  ['largefile', 0, -1, 1024 * 1024],
  ['largefile4', 0, -1, 4096 * 1024],
];

/** Is there a superblock backup in this group (sparse_super)? */
export function groupHasSuper(group: number): boolean {
  if (group <= 1) return true;
  if (group % 2 === 0) return false;
  for (const base of [3, 5, 7]) {
    let n = base;
    while (n < group) n *= base;
    if (n === group) return true;
  }
  return false;
}

export function computeGeometry(req: GeometryRequest): Geometry | GeometryError {
  // The device is measured in blocks of the -b size (1 KiB without -b), rounded down to whole pages.
  const unit = req.blockSize && req.blockSize > 0 ? req.blockSize : 1024;
  let blocks = req.blocksCount ?? Math.floor(req.deviceBytes / unit);
  if (req.blocksCount === undefined && unit < 4096) blocks -= blocks % (4096 / unit);
  if (blocks === 0) return 'zero-size';
  const megs = Math.floor((blocks * (unit / 1024)) / 1024);
  let ratio = req.inodeRatio ?? 0;
  let chosen = 1024;
  const type = req.usage ?? 'default';
  for (const [t, size, bsize, iratio] of SETTINGS) {
    if (t !== type && t !== 'default') continue;
    if (size !== 0 && megs > size) continue;
    if (!req.inodeRatio) ratio = iratio < (req.blockSize ?? 0) ? req.blockSize! : iratio;
    chosen = bsize;
  }
  let blockSize = req.blockSize ?? 0;
  if (blockSize <= 0) {
    blockSize = chosen === -1 ? 4096 : chosen;
    blocks = Math.floor(blocks / (blockSize / 1024));
  }
  const inodesWanted = req.inodes ?? Math.floor((blocks * blockSize) / ratio);
  const reservedPercent = req.reservedPercent ?? 5;

  const firstDataBlock = blockSize === 1024 ? 1 : 0;
  let blocksPerGroup = blockSize * 8;
  const descPerBlock = blockSize / 32;
  for (;;) {
    const groups = Math.ceil((blocks - firstDataBlock) / blocksPerGroup);
    if (groups === 0) return 'too-small';
    const descBlocks = Math.ceil(groups / descPerBlock);
    const inodesCount = Math.max(inodesWanted, FIRST_INODE + 1);
    let ipg = Math.ceil(inodesCount / groups);
    if (ipg > blockSize * 8) {
      if (blocksPerGroup >= 256) {
        blocksPerGroup -= 8;
        continue;
      }
      return 'too-many-inodes';
    }
    ipg = Math.min(ipg, blockSize * 8);
    let tableBlocks = Math.ceil((ipg * INODE_SIZE) / blockSize);
    ipg = Math.floor((tableBlocks * blockSize) / INODE_SIZE) & ~7;
    tableBlocks = Math.ceil((ipg * INODE_SIZE) / blockSize);
    const overhead = 3 + descBlocks + tableBlocks;
    if (overhead > blocksPerGroup) return 'too-many-inodes';
    const rem = (blocks - firstDataBlock) % blocksPerGroup;
    if (groups === 1 && rem && rem < overhead) return 'too-small';
    if (rem && rem < overhead + 50) {
      blocks -= rem;
      continue;
    }
    const backups: number[] = [];
    let overheadBlocks = firstDataBlock;
    for (let g = 0; g < groups; g++) {
      overheadBlocks += 2 + tableBlocks;
      if (groupHasSuper(g)) {
        overheadBlocks += 1 + descBlocks;
        if (g > 0) backups.push(firstDataBlock + g * blocksPerGroup);
      }
    }
    const journalBlocks = !req.journal || blocks < 2048 ? 0 : blocks < 32768 ? 1024 : blocks < 262144 ? 4096 : 8192;
    return {
      blockSize,
      logBlockSize: Math.log2(blockSize / 1024),
      blocksCount: blocks,
      firstDataBlock,
      blocksPerGroup,
      groups,
      inodesCount: ipg * groups,
      inodesPerGroup: ipg,
      inodeTableBlocks: tableBlocks,
      reservedBlocks: Math.floor((blocks * reservedPercent) / 100),
      reservedPercent,
      backups,
      journalBlocks,
      overheadBlocks,
    };
  }
}

/** show_stats(): the block mke2fs prints before writing. */
export function formatStats(g: Geometry, label: string): string {
  let out =
    `Filesystem label=${label}\nOS type: Linux\n` +
    `Block size=${g.blockSize} (log=${g.logBlockSize})\nFragment size=${g.blockSize} (log=${g.logBlockSize})\n` +
    `${g.inodesCount} inodes, ${g.blocksCount} blocks\n` +
    `${g.reservedBlocks} blocks (${((100 * g.reservedBlocks) / g.blocksCount).toFixed(2)}%) reserved for the super user\n` +
    `First data block=${g.firstDataBlock}\n` +
    (g.groups > 1 ? `${g.groups} block groups\n` : `${g.groups} block group\n`) +
    `${g.blocksPerGroup} blocks per group, ${g.blocksPerGroup} fragments per group\n` +
    `${g.inodesPerGroup} inodes per group\n`;
  if (g.groups === 1) return out + '\n';
  out += 'Superblock backups stored on blocks: ';
  let columnsLeft = 0;
  g.backups.forEach((block, i) => {
    if (i > 0) out += ', ';
    const need = String(block).length + 2;
    if (need > columnsLeft) {
      out += '\n\t';
      columnsLeft = 72;
    }
    columnsLeft -= need;
    out += String(block);
  });
  return out + '\n\n';
}
