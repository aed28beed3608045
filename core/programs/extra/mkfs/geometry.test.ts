import { describe, expect, it } from 'vitest';
import { computeGeometry, formatStats, groupHasSuper, type Geometry } from './geometry.js';

const MiB = 1024 * 1024;
const geo = (bytes: number, extra = {}) => computeGeometry({ deviceBytes: bytes, ...extra }) as Geometry;

describe('mke2fs 1.35 geometry', () => {
  it('a 10 MiB file: 1 KiB blocks, 2 groups, one backup', () => {
    const g = geo(10 * MiB);
    expect(g).toMatchObject({ blockSize: 1024, blocksCount: 10240, inodesCount: 2560, inodesPerGroup: 1280, groups: 2, firstDataBlock: 1, reservedBlocks: 512, backups: [8193] });
    // statfs leaves out the first block, bitmaps, inode tables, superblocks and descriptors.
    expect(g.overheadBlocks).toBe(329);
    expect(formatStats(g, '')).toBe(
      'Filesystem label=\nOS type: Linux\nBlock size=1024 (log=0)\nFragment size=1024 (log=0)\n2560 inodes, 10240 blocks\n' +
        '512 blocks (5.00%) reserved for the super user\nFirst data block=1\n2 block groups\n8192 blocks per group, 8192 fragments per group\n' +
        '1280 inodes per group\nSuperblock backups stored on blocks: \n\t8193\n\n',
    );
  });
  it('a 4 MiB file: one group, 4.98% reserved', () => {
    const g = geo(4 * MiB);
    expect(formatStats(g, 'data')).toContain('Filesystem label=data\n');
    expect(formatStats(g, '')).toContain('1024 inodes, 4096 blocks\n204 blocks (4.98%) reserved for the super user\n');
    expect(formatStats(g, '').endsWith('1 block group\n8192 blocks per group, 8192 fragments per group\n1024 inodes per group\n\n')).toBe(true);
  });
  it('1 GiB: 4 KiB blocks and sparse backups', () => {
    const g = geo(1024 * MiB);
    expect(g).toMatchObject({ blockSize: 4096, blocksCount: 262144, inodesCount: 131072, groups: 8, inodesPerGroup: 16384, backups: [32768, 98304, 163840, 229376] });
  });
  it('64 MiB: backups wrap onto one tab-indented line', () => {
    expect(formatStats(geo(64 * MiB), '')).toContain('Superblock backups stored on blocks: \n\t8193, 24577, 40961, 57345\n\n');
  });
  it('a journal of 1024, 4096 or 8192 blocks by size', () => {
    expect(geo(10 * MiB, { journal: true }).journalBlocks).toBe(1024);
    expect(geo(256 * MiB, { journal: true }).journalBlocks).toBe(8192);
    expect(geo(1 * MiB, { journal: true }).journalBlocks).toBe(0);
  });
  it('refuses empty and tiny devices', () => {
    expect(computeGeometry({ deviceBytes: 0 })).toBe('zero-size');
    expect(computeGeometry({ deviceBytes: 40 * 1024 })).toBe('too-small');
  });
  it('knows which groups hold a superblock backup', () => {
    expect([0, 1, 2, 3, 4, 5, 7, 9, 25, 27, 49, 81].map(groupHasSuper)).toEqual([true, true, false, true, false, true, true, true, true, true, true, true]);
    expect([6, 11, 15, 21].some(groupHasSuper)).toBe(false);
  });
});
