import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

import { serve } from '@hono/node-server';

import {
  ConfigError,
  expandHome,
  loadConfig,
  parsePort,
  type RtmonConfig,
} from '../config/index.js';
import { RrdtoolRunner } from '../rrd/rrdtool-runner.js';
import { createApp } from '../web/create-app.js';
import { LOOPBACK_HOST_NAMES } from '../web/host-check.js';
import { UsageError, type Command } from './command.js';
import { describeError } from '../describe-error.js';

/** `rtmon serve`: the web viewer over the RRD folder, until SIGINT or SIGTERM. */
export const serveCommand: Command = {
  usage: 'rtmon serve [--config FILE] [--rrd-dir DIR] [--host H] [--port P]',
  run: runServe,
};

async function runServe(args: string[]): Promise<number> {
  const config = await readServeConfig(args);
  const warning = checkExposure(config);
  if (warning !== undefined) console.error(`rtmon serve: warning: ${warning}`);

  const runner = new RrdtoolRunner({ daemon: config.collectd.rrdcached });
  const app = createApp({
    rrdDir: config.collectd.rrdDir,
    diskUsagePaths: config.httpd.diskUsagePaths,
    runner,
    users: config.httpd.users,
    allowedHosts: isLoopback(config.httpd.host)
      ? [...LOOPBACK_HOST_NAMES, config.httpd.host, ...config.httpd.allowedHosts]
      : undefined,
    onServerError: (error, request) => {
      const path = new URL(request.url).pathname;
      console.error(`rtmon serve: ${request.method} ${path}: ${describeError(error)}`);
    },
  });

  const server = serve({ fetch: app.fetch, hostname: config.httpd.host, port: config.httpd.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(`rtmon serve: http://${shown}:${address.port}/ over ${config.collectd.rrdDir}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.close();

  return 0;
}

/**
 * Refuses to serve beyond loopback without users, unless the configuration says so; then the
 * answer is a warning for the operator.
 */
export function checkExposure(config: RtmonConfig): string | undefined {
  const { host, users, allowRemoteWithoutAuth } = config.httpd;
  if (isLoopback(host) || Object.keys(users).length > 0) return undefined;

  const exposure = `serving ${host} without authentication: anyone who can reach it sees the archive`;
  if (!allowRemoteWithoutAuth) {
    throw new ConfigError(
      `refusing to listen on ${host} without authentication; add users under [httpd.users] (see 'rtmon hash-password') or set httpd.allow_remote_without_auth = true`,
    );
  }

  return exposure;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The configuration file's settings, with command-line flags winning. */
export async function readServeConfig(args: string[]): Promise<RtmonConfig> {
  const flags = parseServeFlags(args);
  const config = await loadConfig(flags.config === undefined ? {} : { file: flags.config });

  return {
    ...config,
    collectd: {
      ...config.collectd,
      rrdDir:
        flags['rrd-dir'] === undefined ? config.collectd.rrdDir : expandHome(flags['rrd-dir']),
    },
    httpd: {
      ...config.httpd,
      host: flags.host ?? config.httpd.host,
      port: flags.port === undefined ? config.httpd.port : parsePort(flags.port, '--port'),
    },
  };
}

function parseServeFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        'rrd-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}
