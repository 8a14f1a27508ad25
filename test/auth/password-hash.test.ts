import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hashPassword, isPasswordHash, verifyPassword } from '../../src/auth/password-hash.js';

test('a hashed password verifies, a different one does not, and each hash has its own salt', async () => {
  const hash = await hashPassword('correct horse');
  const again = await hashPassword('correct horse');

  assert.ok(isPasswordHash(hash));
  assert.match(hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(hash, again);
  assert.equal(await verifyPassword('correct horse', hash), true);
  assert.equal(await verifyPassword('correct horse ', hash), false);
});

test('a malformed or absurdly costly hash never verifies and never throws', async () => {
  for (const hash of ['', 'plain', 'scrypt$1$8$1$AA==$AA==', 'scrypt$9999999$8$1$AA==$AA==']) {
    assert.equal(await verifyPassword('x', hash), false, hash);
  }
});
