import type { Command } from './command.js';
import { hashPasswordCommand } from './hash-password-command.js';
import { serveCommand } from './serve-command.js';

/** Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. */
export const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  'hash-password': hashPasswordCommand,
};
