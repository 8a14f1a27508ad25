import { text } from 'node:stream/consumers';

import { hashPassword } from '../auth/password-hash.js';
import { UsageError, type Command } from './command.js';

/** `rtmon hash-password`: reads a password on stdin, prints its hash for `[httpd.users]`. */
export const hashPasswordCommand: Command = {
  usage: "printf '%s' 'PASSWORD' | rtmon hash-password",
  run: runHashPassword,
};

async function runHashPassword(args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError(`no arguments are taken, not '${args.join(' ')}'`);

  // One trailing line break is the shell's, not the password's.
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('the password on stdin is empty');

  console.log(await hashPassword(password));

  return 0;
}
