import { RrdtoolRunner } from '../../src/rrd/rrdtool-runner.js';
import { createApp } from '../../src/web/create-app.js';
import { listenOnLoopback } from '../../test/helpers/serve-app.js';

/** The path of the bare route served beside the viewer, the floor any route stands on. */
export const HELLO_PATH = '/bench-hello';

/** rtmon's viewer on a loopback port, with a bare Hono route beside it on the same server. */
export interface ServedViewer {
  url: string;
  /** The rrdtool argument lists the viewer ran, in order. */
  readonly rrdtoolCalls: string[][];
  close(): Promise<void>;
}

/** An rrdtool runner that remembers what it was asked to run. */
class RecordingRunner extends RrdtoolRunner {
  readonly calls: string[][] = [];

  override run(args: string[], input?: string): Promise<Buffer> {
    this.calls.push(args);

    return super.run(args, input);
  }
}

/** Serves the viewer over `rrdDir` on 127.0.0.1 at a free port. */
export async function serveViewer(rrdDir: string): Promise<ServedViewer> {
  const runner = new RecordingRunner();
  const app = createApp({ rrdDir, runner });
  app.get(HELLO_PATH, (c) => c.text('hello'));
  const served = await listenOnLoopback(app.fetch);

  return { ...served, rrdtoolCalls: runner.calls };
}
