import { checkCommand } from './check-command.js';
import { collectCommand } from './collect-command.js';
import { collectdConfigCommand } from './collectd-config-command.js';
import type { Command } from './command.js';
import { startCommand } from './start-command.js';

/** Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  start: startCommand,
  collect: collectCommand,
  check: checkCommand,
  'collectd-config': collectdConfigCommand,
};
