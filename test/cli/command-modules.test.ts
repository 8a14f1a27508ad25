import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { execa } from 'execa';

import { findPackageRoot } from '../../src/web/package-root.js';
import { onScgiRequest, startFakePeer } from '../support/fake-peer.js';
import { answerLikeRtorrent } from '../support/fake-rtorrent.js';

const ROOT = findPackageRoot();
const CLI = join(ROOT, 'build', 'src', 'cli.js');

// A resolve hook that appends each module's URL to the file $RTMON_MODULE_TRACE names. Hooks
// run on a thread of their own, so a file is how they report back.
const TRACE_HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.RTMON_MODULE_TRACE, resolved.url + '\\n');
  return resolved;
}`;
const REGISTER_TRACE_HOOKS = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(TRACE_HOOKS)}`)});`;

test('rtmon collect polls without loading the viewer, the stack or any package but ini', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-modules-'));
  const rtorrent = await startFakePeer((socket) => {
    onScgiRequest(socket, (body) => socket.end(answerLikeRtorrent(body)));
  });
  try {
    const traceFile = join(folder, 'modules.txt');
    const traceFlag = `data:text/javascript,${encodeURIComponent(REGISTER_TRACE_HOOKS)}`;
    const poll = await execa(
      process.execPath,
      ['--import', traceFlag, CLI, 'collect', '--once', '--url', rtorrent.url],
      { env: { RTMON_MODULE_TRACE: traceFile, RTMON_CONFIG: '', COLLECTD_HOSTNAME: 'test' } },
    );
    const modules = (await readFile(traceFile, 'utf8')).trim().split('\n');
    const own = modules.filter((url) => url.startsWith(`file://${ROOT}/build/src/`));
    const packages = modules.filter((url) => url.includes('/node_modules/'));

    assert.match(poll.stdout, /^PUTVAL "test\/rtorrent\/gauge-rate_up" interval=10 \d+:1000$/m);
    assert.ok(own.some((url) => url.endsWith('/collector/collect-loop.js')));
    assert.deepEqual(
      own.filter((url) => /\/src\/(web|stack|demo|graph|rrd|live)\//.test(url)),
      [],
    );
    assert.deepEqual(
      packages.map((url) => /\/node_modules\/([^/]+)\//.exec(url)?.[1]),
      ['ini'],
    );
  } finally {
    await rtorrent.close();
    await rm(folder, { recursive: true, force: true });
  }
});
