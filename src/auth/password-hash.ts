import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: about 50 ms and 16 MiB per hash on the project's 2-core machines. */
export const SCRYPT_COST = 16_384;
export const SCRYPT_BLOCK_SIZE = 8;
export const SCRYPT_PARALLELISM = 1;
export const SCRYPT_KEY_BYTES = 32;
export const SALT_BYTES = 16;
/** scrypt refuses to use more memory than this unless told; high costs in a file need room. */
const SCRYPT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;

const HASH_FORMAT =
  /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/;

/** Hashes a password as `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const options = { N: SCRYPT_COST, r: SCRYPT_BLOCK_SIZE, p: SCRYPT_PARALLELISM };
  const key = await deriveKey(password, salt, SCRYPT_KEY_BYTES, options);

  return [
    'scrypt',
    options.N,
    options.r,
    options.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** Whether the password matches the hash, compared in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = HASH_FORMAT.exec(hash);
  if (match === null) return false;

  const [, cost, blockSize, parallelism, salt = '', key = ''] = match;
  const expected = Buffer.from(key, 'base64');
  const options = { N: Number(cost), r: Number(blockSize), p: Number(parallelism) };
  const actual = await deriveKey(
    password,
    Buffer.from(salt, 'base64'),
    expected.length,
    options,
  ).catch(() => undefined);

  return actual !== undefined && expected.length > 0 && timingSafeEqual(actual, expected);
}

/** Whether a configured hash has the shape {@link hashPassword} writes. */
export function isPasswordHash(hash: string): boolean {
  return HASH_FORMAT.test(hash);
}

function deriveKey(
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      length,
      { ...options, maxmem: SCRYPT_MAX_MEMORY_BYTES },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}
