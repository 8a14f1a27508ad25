import { createHash } from 'node:crypto';

import type { MiddlewareHandler } from 'hono';

import { LoginGate } from './login-gate.js';
import { verifyPassword } from './password-hash.js';

/** A verified Authorization header is trusted this long without hashing again. */
export const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 256;
const REALM = 'rtmon';
const BUSY_RETRY_AFTER_S = 1;

/**
 * HTTP basic authentication against users and scrypt hashes. Verified credentials are kept
 * briefly by a digest of the header, so a page's many requests cost one scrypt run.
 */
export function basicAuth(users: Record<string, string>, open: string[] = []): MiddlewareHandler {
  const verified = new Map<string, number>();
  const gate = new LoginGate();

  return async (c, next) => {
    if (open.includes(c.req.path)) return next();

    const header = c.req.header('Authorization') ?? '';
    const digest = createHash('sha256').update(header).digest('base64');
    const isRemembered = (verified.get(digest) ?? 0) > Date.now();
    const isValid = isRemembered || (await gate.run(() => isAllowed(header, users)));
    if (isValid === undefined) {
      c.header('Retry-After', String(BUSY_RETRY_AFTER_S));

      return c.json({ error: 'ERR_TOO_MANY_LOGINS', message: 'too many logins at once' }, 429);
    }

    if (isValid) {
      remember(verified, digest);

      return next();
    }

    c.header('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`);

    return c.json(
      { error: 'ERR_UNAUTHORIZED', message: 'a user name and password are needed' },
      401,
    );
  };
}

async function isAllowed(header: string, users: Record<string, string>): Promise<boolean> {
  const match = /^Basic ([A-Za-z0-9+/]{1,1024}=*)$/.exec(header);
  if (match === null) return false;

  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;

  const user = decoded.slice(0, colon);
  const hash = Object.hasOwn(users, user) ? users[user] : undefined;

  // An unknown user costs the same scrypt run as a known one, so timing does not tell them apart.
  return (
    (await verifyPassword(decoded.slice(colon + 1), hash ?? UNKNOWN_USER_HASH)) &&
    hash !== undefined
  );
}

function remember(verified: Map<string, number>, digest: string): void {
  if (verified.size >= MAX_VERIFIED) verified.clear();

  verified.set(digest, Date.now() + VERIFIED_TTL_MS);
}

const UNKNOWN_USER_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
