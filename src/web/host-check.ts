import type { MiddlewareHandler } from 'hono';

/** What a browser on this machine calls a viewer that listens on loopback. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Answers 421 to a request whose `Host` is not one of `allowedNames` (any port). A page from
 * elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and then read a loopback viewer
 * as if it were its own origin; its requests still carry that name, and are refused here. A
 * request with no `Host` at all comes from no browser and passes.
 */
export function hostCheck(allowedNames: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedNames.map((name) => name.toLowerCase()));

  return async (c, next) => {
    const host = c.req.header('Host');
    if (host === undefined || allowed.has(hostName(host))) return next();

    return c.json(
      { error: 'ERR_UNKNOWN_HOST', message: 'this viewer does not answer to that host name' },
      421,
    );
  };
}

/** The name part of a Host header: `[::1]:8042` gives `[::1]`, `Example:80` gives `example`. */
function hostName(host: string): string {
  const name = host.trim().toLowerCase();
  if (name.startsWith('[')) return name.slice(0, name.indexOf(']') + 1);

  return name.replace(/:\d*$/, '');
}
