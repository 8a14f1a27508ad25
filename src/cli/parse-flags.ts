import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Reads a command's flags; an unknown flag or a stray argument is a usage error. */
export function parseFlags<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
