import { collectCommand } from './collect-command.js';
import type { Command } from './command.js';
import { startCommand } from './start-command.js';

/** Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  collect: collectCommand,
  start: startCommand,
};
