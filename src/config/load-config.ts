import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'ini';

import {
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_RRD_DIR,
  DEFAULT_RTORRENT_URL,
  type RtmonConfig,
} from './config.js';
import { isPasswordHash } from '../auth/password-hash.js';
import { parseRtorrentUrl } from '../rtorrent/rtorrent-url.js';
import { ConfigError } from './config-error.js';
import { expandHome, expandHomeInUrl } from './expand-home.js';

export interface LoadConfigOptions {
  /** An explicit file (`--config`): it must exist. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

type IniSection = Record<string, unknown>;

/**
 * Reads rtmon's ini file: `--config`, else `$RTMON_CONFIG`, else `~/.config/rtmon/rtmon.ini`.
 * Only an explicitly named file must exist; the default one may be absent.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<RtmonConfig> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const explicit = options.file ?? nonEmpty(env.RTMON_CONFIG);
  const file = explicit ?? join(home, '.config', 'rtmon', 'rtmon.ini');
  const text = await readConfigText(file, explicit !== undefined);

  return parseConfig(text, { file, home });
}

/**
 * Turns the ini text into settings. pyrotorque's keys (`httpd.waitress.host`, `httpd.waitress.port`,
 * `httpd.json.disk_usage_path`) count too, written as sections or as dotted keys in any section,
 * the way pyrotorque's torque.ini has them under `[TORQUE]`.
 */
export function parseConfig(source: string, where: { file: string; home?: string }): RtmonConfig {
  const home = where.home ?? homedir();
  const ini = parse(source) as IniSection;
  const setting = (...keys: string[]) => firstSetting(ini, keys);

  const url = setting('rtorrent.url');
  const diskUsage = setting('httpd.disk_usage_path', 'httpd.json.disk_usage_path') ?? '~';
  const port = setting('httpd.port', 'httpd.waitress.port');

  return {
    rtorrent: {
      url: readRtorrentUrl(url ?? DEFAULT_RTORRENT_URL, home, where.file),
      urlFile: url === undefined ? undefined : where.file,
      instance: setting('rtorrent.instance') ?? '',
    },
    collectd: {
      rrdDir: expandHome(setting('collectd.rrd_dir') ?? DEFAULT_RRD_DIR, home),
      rrdcached: setting('collectd.rrdcached') ?? '',
    },
    httpd: {
      host: setting('httpd.host', 'httpd.waitress.host') ?? DEFAULT_HTTP_HOST,
      port: port === undefined ? DEFAULT_HTTP_PORT : parsePort(port, `${where.file}: httpd.port`),
      diskUsagePaths: splitPaths(diskUsage).map((path) => expandHome(path, home)),
      users: readUsers(asSection(asSection(ini.httpd).users), where.file),
      allowRemoteWithoutAuth: /^(1|true|yes|on)$/i.test(
        setting('httpd.allow_remote_without_auth') ?? '',
      ),
      allowedHosts: (setting('httpd.allowed_hosts') ?? '').split(/[\s,]+/).filter(Boolean),
    },
  };
}

function readUsers(section: IniSection, file: string): Record<string, string> {
  const users: Record<string, string> = {};
  for (const [name, hash] of Object.entries(section)) {
    if (typeof hash !== 'string' || !isPasswordHash(hash.trim())) {
      throw new ConfigError(
        `${file}: httpd.users.${name} must be a hash from 'rtmon hash-password'`,
      );
    }

    users[name] = hash.trim();
  }

  return users;
}

/**
 * The rTorrent URL with `~` expanded, checked here so that a wrong one is reported with the file
 * that holds it, before any command goes looking for an rTorrent.
 */
function readRtorrentUrl(value: string, home: string, file: string): string {
  const url = expandHomeInUrl(value, home);
  try {
    parseRtorrentUrl(url);
  } catch (error) {
    throw new ConfigError(`${file}: rtorrent.url is not an rTorrent URL`, { cause: error });
  }

  return url;
}

/** A TCP port number from text, or a ConfigError that names the setting and the value. */
export function parsePort(value: string, setting: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(`${setting} must be a port number from 0 to 65535, not '${value}'`);
  }

  return port;
}

// The default file may be out of reach as well as absent: collectd runs `rtmon collect` as an
// unprivileged user whose HOME is still root's, and /root is closed to it (EACCES).
const UNREACHABLE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EACCES']);

async function readConfigText(file: string, mustExist: boolean): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (!mustExist && UNREACHABLE_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return '';

    throw new ConfigError(`cannot read the configuration file ${file}`, { cause: error });
  }
}

function firstSetting(ini: IniSection, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = findSetting(ini, key);
    if (value !== undefined) return value;
  }

  return undefined;
}

function findSetting(ini: IniSection, key: string): string | undefined {
  const nested = key.split('.').reduce<unknown>((node, part) => asSection(node)[part], ini);
  const candidates = [nested, ini[key], ...Object.values(ini).map((node) => asSection(node)[key])];
  for (const candidate of candidates) {
    const value = asText(candidate);
    if (value !== undefined) return value;
  }

  return undefined;
}

function asSection(node: unknown): IniSection {
  return typeof node === 'object' && node !== null ? (node as IniSection) : {};
}

function asText(value: unknown): string | undefined {
  // The ini package reads a bare `true` or `false` as a boolean.
  if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;

  return nonEmpty(String(value).trim());
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function splitPaths(value: string): string[] {
  return value
    .split(':')
    .map((path) => path.trim())
    .filter((path) => path !== '');
}
