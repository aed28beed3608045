// The `vlab` command as a person runs it: a child process through the real launcher.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = path.join(root, 'cli', 'bin', 'vlab.mjs');
let dir: string;

function vlab(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [launcher, ...args], {
    cwd: dir,
    input: Buffer.from(options.input ?? ''),
    encoding: 'buffer',
    env: { ...process.env, VLAB_DATA_DIR: path.join(dir, 'data'), ...options.env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, out: result.stdout.toString('utf8'), err: result.stderr.toString('utf8') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vlab-cli-'));
  await writeFile(path.join(dir, 'hello.sh'), 'echo hello\nnosuchcommand\necho "two words"\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('vlab', () => {
  it('--help lists every command and option, exit 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = vlab([flag]);
      expect(r.status).toBe(0);
      expect(r.err).toBe('');
      for (const word of ['serve', 'shell', '--port', '--no-open', '--world', '--host', '--script', '--version', '-V', '--help']) expect(r.out).toContain(word);
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = vlab([flag]);
      expect(r.status).toBe(0);
      expect(r.out).toBe(`vlab ${version}\n`);
    }
  });

  it('an unknown option gives the usage on stderr and exit 2', () => {
    const r = vlab(['--frob']);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe("vlab: unknown option '--frob'");
    expect(r.err).toContain('Usage: vlab');
  });

  it('an unknown command or a wrong command option also exits 2, without a stack trace', () => {
    for (const args of [['frob'], ['shell', '--frob'], ['serve', '--port', 'abc'], ['serve', 'extra'], []]) {
      const r = vlab(args);
      expect(r.status).toBe(2);
      expect(r.err).toContain('Usage: vlab');
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(vlab(['shell', '--frob']).err.split('\n')[0]).toBe("vlab: unknown option '--frob'");
  });

  it('shell --help describes the command', () => {
    const r = vlab(['shell', '--help']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage: vlab shell \[--world NAME\] \[--host NAME\] \[--script FILE\]/);
  });
});

describe('vlab shell, script mode', () => {
  it('replays a script byte for byte the same on every run, and echoes command output', () => {
    const first = vlab(['shell', '--script', 'hello.sh']);
    const second = vlab(['shell', '--script', 'hello.sh']);
    expect(first.status).toBe(0);
    expect(first.err).toBe('');
    expect(Buffer.compare(first.stdout, second.stdout)).toBe(0);
    expect(first.out).toContain('echo hello\r\nhello\r\n');
  });

  it('reads a piped stdin like a script', () => {
    const piped = vlab(['shell'], { input: 'echo hello\nnosuchcommand\necho "two words"\n' });
    const file = vlab(['shell', '--script', 'hello.sh']);
    expect(piped.status).toBe(0);
    expect(piped.out).toBe(file.out);
    expect(vlab(['shell', '--script', '-'], { input: 'echo hello\n' }).out).toContain('hello\r\n');
  });

  it('a missing script is one plain line and exit 1', () => {
    const r = vlab(['shell', '--script', 'x.sh']);
    expect(r.status).toBe(1);
    expect(r.err).toBe("vlab: cannot read script 'x.sh': No such file or directory\n");
    expect(r.out).toBe('');
  });

  it('an unknown world lists the known ones, exit 2', () => {
    const r = vlab(['shell', '--world', 'mars', '--script', 'hello.sh']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^vlab: unknown world 'mars'; known worlds: vserver-host/);
  });

  it('an unknown machine lists the machines of the world, exit 2', () => {
    const r = vlab(['shell', '--host', 'nowhere', '--script', 'hello.sh']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^vlab: world '.+' has no machine 'nowhere'; its machines: /);
  });
});

describe('vlab serve', () => {
  it('serves a built renderer, prints the URL, and stops cleanly on Ctrl-C (SIGINT)', async () => {
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<meta name="vlab-token" content="">');
    const child = spawn(process.execPath, [launcher, 'serve', '--port', '0', '--no-open'], {
      cwd: dir,
      env: { ...process.env, VLAB_DATA_DIR: path.join(dir, 'data'), VLAB_RENDERER_DIR: rendererDir },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`vlab serve exited early: ${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<meta name="vlab-token" content="[\w-]{40,}">/);
    const status = await new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
    expect(status).toBe(0);
    expect(out).toContain('stopped');
  });

  it('a busy explicit port is one clear line and exit 1', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await new Promise<{ status: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [launcher, 'serve', '--port', String(port), '--no-open'], {
          cwd: dir,
          env: { ...process.env, VLAB_DATA_DIR: path.join(dir, 'data'), VLAB_RENDERER_DIR: dir },
        });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (status) => resolve({ status, err }));
      });
      expect(r.status).toBe(1);
      expect(r.err).toBe(`vlab serve: port ${port} is already in use on 127.0.0.1; try --port 0 for any free port\n`);
    } finally {
      blocker.close();
    }
  });
});
