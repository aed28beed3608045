/** `vlab serve`: browser mode. Build the renderer if needed, serve it on 127.0.0.1, open a browser. */
import path from 'node:path';
import { ensureDataDirs, resolveDataDir, userLabsDir } from '../../host/services/data-dir.js';
import { describeFsError } from '../../host/services/fs-errors.js';
import { DEFAULT_PORT, ServeError, startServer } from '../../host/services/http-server.js';
import { repoRoot } from '../../host/services/package-info.js';
import { CliError } from '../errors.js';
import { openBrowser } from '../open-browser.js';
import { ensureRendererBuilt } from '../renderer-build.js';
import type { CliIo, ParsedArgs } from './types.js';

export async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const port = args.options.port as number | undefined;
  const open = !args.options['no-open'];
  const log = (line: string) => io.out(`${line}\n`);

  // VLAB_RENDERER_DIR serves an already built renderer as is (tests, packagers).
  const rendererOverride = process.env.VLAB_RENDERER_DIR?.trim();
  const rendererDir = rendererOverride ? path.resolve(rendererOverride) : path.join(repoRoot, 'out', 'renderer');
  if (!rendererOverride) await ensureRendererBuilt(repoRoot, log);

  const dataDir = resolveDataDir();
  try {
    await ensureDataDirs(dataDir);
  } catch (error) {
    throw new CliError(`vlab serve: cannot create the data folder ${dataDir}: ${describeFsError(error)}`);
  }

  let server;
  try {
    server = await startServer({
      port,
      rendererDir,
      labsDirs: { bundled: path.join(repoRoot, 'labs'), user: userLabsDir(dataDir) },
      dataDir,
    });
  } catch (error) {
    if (error instanceof ServeError) throw new CliError(error.message, 1);
    throw error;
  }

  if (port === undefined && server.port !== DEFAULT_PORT) log(`vlab serve: port ${DEFAULT_PORT} is busy, so vlab uses port ${server.port} instead.`);
  log(`vlab is running at ${server.url}`);
  log(`Progress and your own labs are kept in ${dataDir}`);
  if (open && !openBrowser(server.url)) log('No web browser found here: open the address above in one.');
  log('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
  });
  await server.close();
  log('\nvlab serve: stopped.');
  return 0;
}
