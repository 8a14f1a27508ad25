import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { resolveRtorrentTarget } from '../../src/cli/rtorrent-target.js';

async function withIni(t: { after(fn: () => unknown): void }, text: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'rtmon-target-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const file = join(directory, 'rtmon.ini');
  await writeFile(file, text);

  return file;
}

test('takes the URL and instance from the ini file when no flag names them', async (t) => {
  const config = await withIni(t, '[rtorrent]\nurl = scgi://127.0.0.1:5000\ninstance = Box 1\n');

  assert.deepEqual(await resolveRtorrentTarget({ config }), {
    url: 'scgi://127.0.0.1:5000',
    instance: 'box-1',
    urlFile: config,
  });
});

test('lets the flags win over the ini file', async (t) => {
  const config = await withIni(t, '[rtorrent]\nurl = scgi://127.0.0.1:5000\ninstance = box1\n');

  assert.deepEqual(
    await resolveRtorrentTarget({ config, url: 'scgi:///run/rt.sock', instance: 'other' }),
    { url: 'scgi:///run/rt.sock', instance: 'other', urlFile: undefined },
  );
});

test('reads no file when --url is given, so an unreadable default file does no harm', async () => {
  assert.deepEqual(await resolveRtorrentTarget({ url: 'scgi:///x.sock', config: '/nonexistent' }), {
    url: 'scgi:///x.sock',
    instance: '',
    urlFile: undefined,
  });
});

test('refuses a missing configuration file named on the command line', async () => {
  await assert.rejects(resolveRtorrentTarget({ config: '/nonexistent/rtmon.ini', instance: 'x' }), {
    message: /cannot read the configuration file \/nonexistent\/rtmon\.ini/,
  });
});
