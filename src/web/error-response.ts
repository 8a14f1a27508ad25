import type { Context } from 'hono';

import { RrdtoolBusyError, RrdtoolError } from '../rrd/rrdtool-error.js';
import { HttpError } from './http-error.js';

/** Seconds a client is told to wait when rrdtool's queue is full. */
export const BUSY_RETRY_AFTER_S = 1;

/**
 * The JSON answer for an error: the request's own fault is 4xx, rrdtool's failure 502 with its
 * message, a full queue 503. Only a fault in rtmon itself is 500.
 */
export function errorResponse(error: unknown, context: Context): Response {
  if (error instanceof HttpError) {
    return context.json({ error: error.code, message: error.message }, error.status);
  }

  if (error instanceof RrdtoolBusyError) {
    context.header('Retry-After', String(BUSY_RETRY_AFTER_S));

    return context.json({ error: error.code, message: error.message }, 503);
  }

  if (error instanceof RrdtoolError) {
    // The subcommand, not the whole command line, which would show the server's folders.
    const subcommand = error.command.split(' ')[1] ?? '';

    return context.json(
      { error: error.code, message: `rrdtool ${subcommand} failed: ${error.stderr}` },
      502,
    );
  }

  return context.json({ error: 'ERR_INTERNAL', message: 'internal error' }, 500);
}
