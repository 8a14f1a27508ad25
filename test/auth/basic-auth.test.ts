import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import type { Hono } from 'hono';

import { hashPassword } from '../../src/auth/password-hash.js';
import { checkExposure } from '../../src/cli/serve-command.js';
import { parseConfig } from '../../src/config/index.js';
import { createApp } from '../../src/web/create-app.js';

let folder: string;
let app: Hono;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rtmon-auth-'));
  app = createApp({ rrdDir: folder, users: { alice: await hashPassword('s3cret') } });
});

after(async () => {
  await rm(folder, { recursive: true, force: true });
});

const basic = (credentials: string) => ({
  headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
});

const ANSWERS: Array<[string, RequestInit, number]> = [
  ['no credentials', {}, 401],
  ['a wrong password', basic('alice:wrong'), 401],
  ['an unknown user', basic('mallory:s3cret'), 401],
  ['no colon', basic('alice'), 401],
  ['a bearer token', { headers: { Authorization: 'Bearer abc' } }, 401],
  ['the right password', basic('alice:s3cret'), 200],
];

for (const [what, init, status] of ANSWERS) {
  test(`with users configured, a request with ${what} is answered ${status}`, async () => {
    const response = await app.request('/api/hosts', init);

    assert.equal(response.status, status);
    if (status === 401) {
      assert.equal(
        response.headers.get('www-authenticate'),
        'Basic realm="rtmon", charset="UTF-8"',
      );
    }
  });
}

test('the health check needs no credentials', async () => {
  assert.equal((await app.request('/healthz')).status, 200);
});

test('users come from [httpd.users]; a value that is not a hash is refused by name', async () => {
  const hash = await hashPassword('pw');
  const config = parseConfig(`[httpd.users]\nalice = ${hash}\n`, { file: 'rtmon.ini' });
  assert.deepEqual(config.httpd.users, { alice: hash });

  assert.throws(() => parseConfig('[httpd.users]\nbob = hunter2\n', { file: 'rtmon.ini' }), {
    code: 'ERR_CONFIG',
    message: "rtmon.ini: httpd.users.bob must be a hash from 'rtmon hash-password'",
  });
});

test('serving beyond loopback without users is refused, unless allowed, and then warned about', () => {
  const open = parseConfig('[httpd]\nhost = 0.0.0.0\n', { file: 'rtmon.ini' });
  assert.throws(() => checkExposure(open), {
    code: 'ERR_CONFIG',
    message:
      "refusing to listen on 0.0.0.0 without authentication; add users under [httpd.users] (see 'rtmon hash-password') or set httpd.allow_remote_without_auth = true",
  });

  const allowed = parseConfig('[httpd]\nhost = 0.0.0.0\nallow_remote_without_auth = true\n', {
    file: 'rtmon.ini',
  });
  assert.equal(
    checkExposure(allowed),
    'serving 0.0.0.0 without authentication: anyone who can reach it sees the archive',
  );
  assert.equal(checkExposure(parseConfig('', { file: 'rtmon.ini' })), undefined);
});
