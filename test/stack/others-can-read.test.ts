import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { canOthersRead } from '../../src/stack/others-can-read.js';

test('a file is readable by others only if every folder above it lets them through', async (t) => {
  const top = await mkdtemp(join(tmpdir(), 'rtmon-perm-'));
  t.after(() => rm(top, { recursive: true, force: true }));
  const folder = join(top, 'inner');
  const file = join(folder, 'cli.js');
  await mkdir(folder);
  await writeFile(file, '');
  await chmod(top, 0o755);
  await chmod(file, 0o644);

  assert.equal(await canOthersRead(file), true);

  await chmod(folder, 0o700);
  assert.equal(await canOthersRead(file), false);

  await chmod(folder, 0o755);
  await chmod(file, 0o600);
  assert.equal(await canOthersRead(file), false);
  assert.equal(await canOthersRead(join(folder, 'absent.js')), false);
});
