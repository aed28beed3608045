/** A read-only file description over a string: here-documents and here-strings. */
import { OpenFile, O_RDONLY, type FileOps } from './file.js';

interface StringSource {
  text: string;
}

const ops: FileOps = {
  kind: 'pipe',
  async read(_task, file, max) {
    const src = file.target as StringSource;
    const chunk = src.text.slice(file.offset, file.offset + max);
    file.offset += chunk.length;
    return chunk;
  },
};

export function stringFile(text: string, description = 'pipe:[heredoc]'): OpenFile {
  return new OpenFile(ops, O_RDONLY, description, { text } satisfies StringSource);
}

const captureOps: FileOps = {
  kind: 'pipe',
  async write(_task, file, data) {
    (file.target as { sink: (data: string) => void }).sink(data);
    return data.length;
  },
};

/** A write-only description whose data goes to a callback (tests and tools outside the world). */
export function captureFile(sink: (data: string) => void, description = 'pipe:[capture]'): OpenFile {
  return new OpenFile(captureOps, 1, description, { sink });
}
