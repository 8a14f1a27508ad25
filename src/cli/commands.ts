import { collectCommand } from './collect-command.js';
import type { Command } from './command.js';

/** Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  collect: collectCommand,
};
