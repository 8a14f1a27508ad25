import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { readServeConfig } from '../../src/cli/serve-command.js';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/index.js';
import { RtorrentUrlError } from '../../src/rtorrent/errors.js';

const HOME = '/home/seeder';

async function withConfigFile<T>(text: string, use: (file: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'rtmon-config-'));
  try {
    const file = join(folder, 'rtmon.ini');
    await writeFile(file, text);

    return await use(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test("rtmon's own ini file gives every section in one object, home paths expanded", () => {
  const text = [
    '[rtorrent]',
    'url = scgi://~/rtorrent/.scgi_local',
    'instance = demo1',
    '[collectd]',
    'rrd_dir = ~/rrd',
    'rrdcached = unix:/run/rrdcached.sock',
    '[httpd]',
    'host = 0.0.0.0',
    'port = 8000',
    'disk_usage_path = ~:/srv/torrents',
  ].join('\n');

  assert.deepEqual(parseConfig(text, { file: 'rtmon.ini', home: HOME }), {
    rtorrent: {
      url: 'scgi:///home/seeder/rtorrent/.scgi_local',
      urlFile: 'rtmon.ini',
      instance: 'demo1',
    },
    collectd: { rrdDir: '/home/seeder/rrd', rrdcached: 'unix:/run/rrdcached.sock' },
    httpd: {
      host: '0.0.0.0',
      port: 8000,
      diskUsagePaths: ['/home/seeder', '/srv/torrents'],
      users: {},
      allowRemoteWithoutAuth: false,
      allowedHosts: [],
    },
  });
});

test('an empty file gives the defaults: 127.0.0.1:8042, the Debian RRD folder, home for disk usage', () => {
  assert.deepEqual(parseConfig('', { file: 'rtmon.ini', home: HOME }), {
    rtorrent: {
      url: 'scgi:///home/seeder/rtorrent/.scgi_local',
      urlFile: undefined,
      instance: '',
    },
    collectd: { rrdDir: '/var/lib/collectd/rrd', rrdcached: '' },
    httpd: {
      host: '127.0.0.1',
      port: 8042,
      diskUsagePaths: ['/home/seeder'],
      users: {},
      allowRemoteWithoutAuth: false,
      allowedHosts: [],
    },
  });
});

const PYROTORQUE_FORMS: Array<[string, string]> = [
  [
    "dotted keys under pyrotorque's [TORQUE] section",
    '[TORQUE]\nhttpd.waitress.host = 0.0.0.0\nhttpd.waitress.port = 8001\nhttpd.json.disk_usage_path = /srv:/data\n',
  ],
  [
    'dotted keys before any section',
    'httpd.waitress.host = 0.0.0.0\nhttpd.waitress.port = 8001\nhttpd.json.disk_usage_path = /srv:/data\n',
  ],
  [
    'dotted sections',
    '[httpd.waitress]\nhost = 0.0.0.0\nport = 8001\n[httpd.json]\ndisk_usage_path = /srv:/data\n',
  ],
];

for (const [form, text] of PYROTORQUE_FORMS) {
  test(`pyrotorque's httpd keys are read as rtmon's, written as ${form}`, () => {
    const config = parseConfig(text, { file: 'torque.ini', home: HOME });

    assert.deepEqual(
      [config.httpd.host, config.httpd.port, config.httpd.diskUsagePaths],
      ['0.0.0.0', 8001, ['/srv', '/data']],
    );
  });
}

test('a port that is not a port number is refused with the file, the setting and the value', () => {
  assert.throws(() => parseConfig('[httpd]\nport = 80a\n', { file: '/etc/rtmon.ini' }), {
    name: 'ConfigError',
    code: 'ERR_CONFIG',
    message: "/etc/rtmon.ini: httpd.port must be a port number from 0 to 65535, not '80a'",
  });
});

const RTORRENT_URL_FORMS: Array<[string, string]> = [
  ['its [rtorrent] section', '[rtorrent]\nurl = scgi://~/rt.sock\n'],
  [
    "a dotted key under pyrotorque's [TORQUE] section",
    '[TORQUE]\nrtorrent.url = scgi://~/rt.sock\n',
  ],
  ['a dotted key before any section', 'rtorrent.url = scgi://~/rt.sock\n'],
];

for (const [form, text] of RTORRENT_URL_FORMS) {
  test(`the rTorrent URL is read from ${form}, with the file that names it`, () => {
    const config = parseConfig(text, { file: '/etc/rtmon.ini', home: HOME });

    assert.deepEqual(config.rtorrent, {
      url: 'scgi:///home/seeder/rt.sock',
      urlFile: '/etc/rtmon.ini',
      instance: '',
    });
  });
}

test('an rTorrent URL that is not one is refused with the file, the setting and the reason', () => {
  const text = '[rtorrent]\nurl = localhost:5000\n';
  assert.throws(
    () => parseConfig(text, { file: '/etc/rtmon.ini' }),
    (error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, '/etc/rtmon.ini: rtorrent.url is not an rTorrent URL');
      assert.ok(error.cause instanceof RtorrentUrlError);
      assert.equal(error.cause.url, 'localhost:5000');

      return true;
    },
  );
});

test('the default file may be absent, a named one may not', async () => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  try {
    const config = await loadConfig({ env: {}, home });
    assert.equal(config.httpd.port, 8042);

    const missing = join(home, 'missing.ini');
    await assert.rejects(loadConfig({ env: { RTMON_CONFIG: missing }, home }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `cannot read the configuration file ${missing}`);

      return true;
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('command-line flags win over the configuration file', async () => {
  await withConfigFile(
    '[httpd]\nhost = 0.0.0.0\nport = 8000\n[collectd]\nrrd_dir = /srv/rrd\n',
    async (file) => {
      const config = await readServeConfig([
        '--config',
        file,
        '--port',
        '0',
        '--rrd-dir',
        '/tmp/rrd',
      ]);

      assert.equal(config.httpd.host, '0.0.0.0');
      assert.equal(config.httpd.port, 0);
      assert.equal(config.collectd.rrdDir, '/tmp/rrd');
    },
  );
});

test('an unknown flag is a usage error', async () => {
  await assert.rejects(readServeConfig(['--colour']), { name: 'UsageError', code: 'ERR_USAGE' });
});

test('a default file out of reach counts as absent, so a collector run as nobody still starts', async () => {
  const home = await mkdtemp(join(tmpdir(), 'rtmon-home-'));
  try {
    // A file where the .config folder belongs makes the default path unreachable (ENOTDIR); root
    // cannot be shown EACCES, which collectd's exec user meets at /root.
    await writeFile(join(home, '.config'), '');
    const config = await loadConfig({ env: {}, home });

    assert.equal(config.rtorrent.instance, '');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
