import { describe, expect, it } from 'vitest';
import { NanoBuffer } from './nano-buffer.js';

describe('nano buffer', () => {
  it('keeps a magic line after the last newline', () => {
    const b = new NanoBuffer('a\nb\n');
    expect(b.lines).toEqual(['a', 'b', '']);
    expect(b.lineCount).toBe(2);
    expect(b.text()).toBe('a\nb\n');
    expect(new NanoBuffer('a\nb').text()).toBe('a\nb\n');
    expect(new NanoBuffer('').text()).toBe('');
  });

  it('types, splits and joins lines', () => {
    const b = new NanoBuffer('hello\n');
    b.end();
    b.insert(' world');
    b.newline();
    b.insert('x');
    expect(b.text()).toBe('hello world\nx\n');
    expect(b.modified).toBe(true);
    b.home();
    b.backspace();
    expect(b.text()).toBe('hello worldx\n');
    expect([b.row, b.col]).toEqual([0, 11]);
    b.deleteChar();
    expect(b.text()).toBe('hello world\n');
    b.end();
    b.deleteChar(); // joins with the (empty) magic line
    expect(b.lines).toEqual(['hello world', '']);
  });

  it('typing on the magic line makes a new one', () => {
    const b = new NanoBuffer('a\n');
    b.down();
    b.insert('b');
    expect(b.lines).toEqual(['a', 'b', '']);
    expect(b.text()).toBe('a\nb\n');
  });

  it('moves like nano, keeping the wanted column', () => {
    const b = new NanoBuffer('long line\nab\nanother line\n');
    b.end();
    b.down();
    expect([b.row, b.col]).toEqual([1, 2]);
    b.down();
    expect([b.row, b.col]).toEqual([2, 9]);
    b.right();
    b.right();
    b.right();
    b.right();
    expect([b.row, b.col]).toEqual([3, 0]);
    b.left();
    expect([b.row, b.col]).toEqual([2, 12]);
    b.up(10);
    expect(b.row).toBe(0);
  });

  it('cuts consecutive lines into one buffer and pastes them', () => {
    const b = new NanoBuffer('1\n2\n3\n4\n');
    b.down();
    b.cutLine();
    b.cutLine();
    expect(b.text()).toBe('1\n4\n');
    expect(b.cut).toEqual(['2', '3']);
    b.down();
    b.uncut();
    expect(b.text()).toBe('1\n4\n2\n3\n');
    b.up();
    b.cutLine(); // a new cut after another command replaces the buffer
    expect(b.cut).toEqual(['3']);
  });

  it('searches forward, case-insensitively, wrapping to the top', () => {
    const b = new NanoBuffer('alpha\nBeta\ngamma beta\n');
    expect(b.search('beta')).toBe(true);
    expect([b.row, b.col]).toEqual([1, 0]);
    expect(b.search('beta')).toBe(true);
    expect([b.row, b.col]).toEqual([2, 6]);
    expect(b.search('beta')).toBe(true);
    expect([b.row, b.col]).toEqual([1, 0]);
    expect(b.search('delta')).toBe(false);
  });

  it('reports the cursor position like ^C', () => {
    const b = new NanoBuffer('abc\nde\n');
    b.down();
    b.right();
    expect(b.position()).toBe('line 2/3 (66%), col 2/3 (66%), char 5/7 (71%)');
  });
});
