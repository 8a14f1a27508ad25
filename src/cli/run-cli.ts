import { describeError } from '../describe-error.js';
import { UsageError, type Command } from './command.js';
import { COMMANDS } from './commands.js';

/** Runs one `rtmon` command line and resolves to its exit status. */
export async function runCli(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(formatHelp());

    return name === undefined ? 2 : 0;
  }

  const entry = COMMANDS[name];
  if (entry === undefined) {
    console.error(`rtmon: unknown command '${name}'\n\n${formatHelp()}`);

    return 2;
  }

  let command: Command;
  try {
    command = await entry.load();
  } catch (error) {
    // A package missing from a broken install shows here, as the command's module loads it.
    console.error(`rtmon ${name}: could not load the command: ${describeError(error)}`);

    return 1;
  }

  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`rtmon ${name}: ${error.message}\nusage: ${command.usage}`);

      return 2;
    }

    console.error(`rtmon ${name}: ${describeError(error)}`);

    return 1;
  }
}

/** The usage text: every command with its summary. */
export function formatHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, entry]) => {
    return `  ${name.padEnd(16)} ${entry.summary}`;
  });

  return ['usage: rtmon <command> [options]', '', 'commands:', ...lines].join('\n');
}
