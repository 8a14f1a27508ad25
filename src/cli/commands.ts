import type { Command } from './command.js';

/** A subcommand as `rtmon --help` lists it, and the module that runs it, loaded when asked. */
export interface CommandEntry {
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every `rtmon` subcommand, by name, in the order `rtmon --help` lists them. Each one's module
 * is loaded only when it runs: collectd keeps `rtmon collect` running for months, and loading
 * the viewer and the stack beside it (Hono, execa and the rest) cost it 10 MB of resident set
 * for nothing (Node.js 20).
 */
export const COMMANDS: Record<string, CommandEntry> = {
  start: {
    summary: 'run collectd, the collector and the viewer here (a demo swarm if no rTorrent)',
    load: async () => (await import('./start-command.js')).startCommand,
  },
  serve: {
    summary: 'serve the live page, the graph browser and the JSON API',
    load: async () => (await import('./serve-command.js')).serveCommand,
  },
  collect: {
    summary: 'the collectd exec plugin: print PUTVAL lines for rTorrent every interval',
    load: async () => (await import('./collect-command.js')).collectCommand,
  },
  check: {
    summary: 'poll rTorrent once and print what the collector would write, for a person',
    load: async () => (await import('./check-command.js')).checkCommand,
  },
  'collectd-config': {
    summary: "print the collectd.conf lines that run this install's collector",
    load: async () => (await import('./collectd-config-command.js')).collectdConfigCommand,
  },
  'hash-password': {
    summary: 'hash a password read from stdin, for [httpd.users] in the ini file',
    load: async () => (await import('./hash-password-command.js')).hashPasswordCommand,
  },
};
