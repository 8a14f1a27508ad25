import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';

import { COMMANDS } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/run-cli.js';

/** What `runCli` printed to stderr while it ran, beside its exit status. */
async function runCapturingErrors(
  t: TestContext,
  args: string[],
): Promise<{ status: number; errors: string }> {
  const printed: unknown[][] = [];
  t.mock.method(console, 'error', (...parts: unknown[]) => printed.push(parts));
  const status = await runCli(args);
  t.mock.restoreAll();

  return { status, errors: printed.map((parts) => parts.join(' ')).join('\n') };
}

test('names an unknown command and exits with status 2', async (t) => {
  const { status, errors } = await runCapturingErrors(t, ['colect']);

  assert.equal(status, 2);
  assert.match(errors, /unknown command 'colect'/);
  assert.match(errors, /^ {2}collect {10}/m);
});

test('says which command could not be loaded and why, instead of a stack trace', async (t) => {
  COMMANDS['broken'] = {
    summary: 'a command whose module cannot load',
    load: () => Promise.reject(new Error("Cannot find package 'hono'")),
  };
  t.after(() => delete COMMANDS['broken']);

  const { status, errors } = await runCapturingErrors(t, ['broken']);

  assert.equal(status, 1);
  assert.match(errors, /^rtmon broken: could not load the command: .*Cannot find package 'hono'/);
});
