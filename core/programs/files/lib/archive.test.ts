import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BZIP2_MAGIC, compress, cpioEntry, cpioTrailer, decompress, GZIP_MAGIC, parseCpio, parseTar, tarEnd, tarMember, type CpioEntry, type Member } from './archive.js';

const member = (over: Partial<Member>): Member => ({
  name: 'etc/passwd', type: 'file', perm: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: 1148979600, linkname: '', devmajor: 0, devminor: 0, data: '', ...over,
});

const nameArb = fc.stringMatching(/^[a-z0-9._-]{1,12}(\/[a-z0-9._-]{1,12}){0,12}$/);

describe('tar format', () => {
  it('writes 512-byte headers and a 10240-byte record', () => {
    const m = member({ data: 'root:x:0:0\n', size: 11 });
    const body = tarMember(m);
    expect(body.length).toBe(1024);
    expect(body.slice(257, 265)).toBe('ustar  \0');
    expect((body + tarEnd(body.length)).length).toBe(10240);
  });
  it('round-trips members of every type, long names included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: nameArb,
            type: fc.constantFrom('file', 'dir', 'symlink', 'hardlink', 'chardev', 'fifo'),
            perm: fc.integer({ min: 0, max: 0o7777 }),
            uid: fc.integer({ min: 0, max: 65535 }),
            gid: fc.integer({ min: 0, max: 65535 }),
            mtime: fc.integer({ min: 0, max: 2 ** 31 }),
            data: fc.string({ maxLength: 1200 }),
            linkname: nameArb,
            dev: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })),
          }),
          { maxLength: 6 },
        ),
        (items) => {
          const members = items.map(({ dev, ...i }) =>
            member({
              ...i,
              type: i.type as Member['type'],
              name: i.type === 'dir' ? `${i.name}/` : i.name,
              size: i.type === 'file' ? i.data.length : 0,
              data: i.type === 'file' ? i.data : '',
              linkname: i.type === 'symlink' || i.type === 'hardlink' ? i.linkname : '',
              devmajor: i.type === 'chardev' ? dev[0] : 0,
              devminor: i.type === 'chardev' ? dev[1] : 0,
            }),
          );
          const body = members.map(tarMember).join('');
          const parsed = parseTar(body + tarEnd(body.length));
          expect(parsed.error).toBeUndefined();
          expect(parsed.members).toEqual(members);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('recognises what is not a tar archive', () => {
    expect(parseTar('hello world'.padEnd(1024, 'x')).error).toBe('not-tar');
  });
  it('compression round-trips and shrinks the padding', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), fc.nat({ max: 70000 }), (s, zeros) => {
      const data = s + '\0'.repeat(zeros) + s;
      const c = compress(data, GZIP_MAGIC);
      expect(decompress(c, GZIP_MAGIC)).toBe(data);
      expect(decompress(c, BZIP2_MAGIC)).toBeUndefined();
    }));
    expect(compress('\0'.repeat(10240), GZIP_MAGIC).length).toBeLessThan(20);
  });
});

describe('cpio formats', () => {
  it.each(['odc', 'newc', 'crc'] as const)('%s round-trips', (format) => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: nameArb, type: fc.constantFrom('file', 'dir', 'symlink', 'blockdev'), perm: fc.integer({ min: 0, max: 0o7777 }), data: fc.string({ maxLength: 600 }), ino: fc.integer({ min: 1, max: 65535 }), mtime: fc.integer({ min: 0, max: 2 ** 31 }) }), { maxLength: 6 }),
        (items) => {
          const entries: CpioEntry[] = items.map((i) => ({
            name: i.name, type: i.type, perm: i.perm, uid: 0, gid: 500, size: i.type === 'file' ? i.data.length : 0, mtime: i.mtime, linkname: i.type === 'symlink' ? 'target' : '', devmajor: i.type === 'blockdev' ? 8 : 0, devminor: i.type === 'blockdev' ? 1 : 0, data: i.type === 'file' ? i.data : '', ino: i.ino, dev: 0x801, nlink: 1,
          }));
          const archive = entries.map((e) => cpioEntry(e, format)).join('') + cpioTrailer(format);
          const parsed = parseCpio(archive);
          expect(parsed.error).toBeUndefined();
          expect(parsed.entries).toEqual(entries);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('reports a bad archive', () => {
    expect(parseCpio('garbage').error).toBe('bad magic');
  });
});
