/** Anonymous pipes with a bounded buffer: writers block when it is full, readers when it is empty. */
import { SyscallError } from './errno.js';
import { OpenFile, O_RDONLY, O_WRONLY, type FileOps } from './file.js';
import { SIG } from './signals.js';
import type { Task } from './task.js';
import { WaitQueue } from './wait-queue.js';

export const PIPE_CAPACITY = 65536;

export class Pipe {
  buffer = '';
  readers = 0;
  writers = 0;
  readonly readable = new WaitQueue();
  readonly writable = new WaitQueue();
  constructor(readonly id: number) {}
}

const readEnd: FileOps = {
  kind: 'pipe',
  async read(task: Task, file: OpenFile, max: number): Promise<string> {
    const pipe = file.target as Pipe;
    while (pipe.buffer.length === 0) {
      if (pipe.writers === 0) return '';
      await task.waitOn(pipe.readable);
    }
    const chunk = pipe.buffer.slice(0, max);
    pipe.buffer = pipe.buffer.slice(chunk.length);
    pipe.writable.wakeAll();
    return chunk;
  },
  release(file: OpenFile) {
    const pipe = file.target as Pipe;
    pipe.readers--;
    pipe.writable.wakeAll();
  },
};

const writeEnd: FileOps = {
  kind: 'pipe',
  async write(task: Task, file: OpenFile, data: string): Promise<number> {
    const pipe = file.target as Pipe;
    let written = 0;
    while (written < data.length) {
      if (pipe.readers === 0) {
        task.kernel.sendSignal(task, SIG.PIPE);
        throw new SyscallError('EPIPE');
      }
      const room = PIPE_CAPACITY - pipe.buffer.length;
      if (room <= 0) {
        await task.waitOn(pipe.writable);
        continue;
      }
      const chunk = data.slice(written, written + room);
      pipe.buffer += chunk;
      written += chunk.length;
      pipe.readable.wakeAll();
    }
    return written;
  },
  release(file: OpenFile) {
    const pipe = file.target as Pipe;
    pipe.writers--;
    pipe.readable.wakeAll();
  },
};

export function createPipe(id: number): [OpenFile, OpenFile] {
  const pipe = new Pipe(id);
  pipe.readers = 1;
  pipe.writers = 1;
  const name = `pipe:[${id}]`;
  return [new OpenFile(readEnd, O_RDONLY, name, pipe), new OpenFile(writeEnd, O_WRONLY, name, pipe)];
}
