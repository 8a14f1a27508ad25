import { checkCommand } from './check-command.js';
import { collectCommand } from './collect-command.js';
import { collectdConfigCommand } from './collectd-config-command.js';
import type { Command } from './command.js';
import { hashPasswordCommand } from './hash-password-command.js';
import { serveCommand } from './serve-command.js';
import { startCommand } from './start-command.js';

/** Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  start: startCommand,
  serve: serveCommand,
  collect: collectCommand,
  check: checkCommand,
  'collectd-config': collectdConfigCommand,
  'hash-password': hashPasswordCommand,
};
