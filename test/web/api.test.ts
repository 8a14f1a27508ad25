import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';

import { execa } from 'execa';
import type { Hono } from 'hono';

import { parseLastUpdate } from '../../src/rrd/lastupdate.js';
import { createApp } from '../../src/web/create-app.js';
import { createRrdFixture, FIXTURE_STEP_S, type RrdFixture } from '../helpers/rrd-fixture.js';

let fixture: RrdFixture;
let app: Hono;
const serverErrors: string[] = [];

before(async () => {
  fixture = await createRrdFixture();
  // An RRD file rrdtool cannot read: its failure must come back as a 502 with rrdtool's words.
  await mkdir(join(fixture.rrdDir, 'broken', 'load'), { recursive: true });
  await writeFile(join(fixture.rrdDir, 'broken', 'load', 'load.rrd'), 'not an RRD file\n');
  app = createApp({
    rrdDir: fixture.rrdDir,
    diskUsagePaths: [],
    onServerError: (error, request) =>
      serverErrors.push(`${new URL(request.url).pathname}: ${String(error)}`),
  });
});

after(async () => {
  await fixture?.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are probed by path
type Json = any;

async function getJson(path: string): Promise<{ status: number; body: Json }> {
  const response = await app.request(path);

  return { status: response.status, body: await response.json() };
}

test('the health check answers ok', async () => {
  assert.deepEqual(await getJson('/healthz'), { status: 200, body: { status: 'ok' } });
});

test('the host list holds the hosts, plugin folders and series that exist on disk', async () => {
  const { status, body } = await getJson('/api/hosts');

  assert.equal(status, 200);
  assert.deepEqual(
    body.hosts.map((host: { name: string }) => host.name),
    ['broken', 'otherbox', 'seedbox'],
  );
  assert.deepEqual(body.hosts[1], {
    name: 'otherbox',
    plugins: [
      {
        name: 'load',
        plugin: 'load',
        instance: '',
        series: [{ name: 'load', type: 'load', typeInstance: '' }],
        groups: [],
      },
    ],
  });
});

/** Where each live value comes from: its place in the JSON, its file, its data source. */
const LIVE_SOURCES: Array<[string, string, string]> = [
  ['rtorrent.uptime', 'seedbox/rtorrent/uptime', 'value'],
  ['rtorrent.rateUp', 'seedbox/rtorrent/gauge-rate_up', 'value'],
  ['rtorrent.rateDown', 'seedbox/rtorrent/gauge-rate_down', 'value'],
  ['rtorrent.sockets', 'seedbox/rtorrent/current_connections-sockets', 'value'],
  ['rtorrent.openFiles', 'seedbox/rtorrent/file_handles-open', 'value'],
  ['rtorrent.cpuPercent', 'seedbox/rtorrent/percent-cpu', 'value'],
  ['rtorrent.rss', 'seedbox/rtorrent/ps_rss', 'value'],
  ['rtorrent.pollSeconds', 'seedbox/rtorrent/response_time-poll', 'value'],
  ['rtorrent.items.total', 'seedbox/rtorrent/count-items_total', 'value'],
  ['rtorrent.items.messages', 'seedbox/rtorrent/count-items_messages', 'value'],
  ['rtorrent.items.seeding', 'seedbox/rtorrent/count-items_seeding', 'value'],
  ['rtorrent.peers.connected', 'seedbox/rtorrent/count-peers_connected', 'value'],
  ['system.uptime', 'seedbox/uptime/uptime', 'value'],
  ['system.load.shortterm', 'seedbox/load/load', 'shortterm'],
  ['system.load.longterm', 'seedbox/load/load', 'longterm'],
  ['system.memory.used', 'seedbox/memory/memory-used', 'value'],
  ['system.swap.free', 'seedbox/swap/swap-free', 'value'],
  ['system.disks.0.used', 'seedbox/df-root/df_complex-used', 'value'],
  ['trackers.1.items', 'seedbox/rtorrent_tracker-tracker.example.org/count-items', 'value'],
  ['trackers.1.rateUp', 'seedbox/rtorrent_tracker-tracker.example.org/gauge-rate_up', 'value'],
];

test('every live value equals what rrdtool lastupdate says for its file', async () => {
  const { status, body } = await getJson('/api/live?host=seedbox');
  assert.equal(status, 200);

  for (const [path, series, ds] of LIVE_SOURCES) {
    const { stdout } = await execa('rrdtool', ['lastupdate', fixture.file(series)]);
    const expected = parseLastUpdate(stdout);
    const reading = path.split('.').reduce((node, key) => node?.[key], body);
    assert.deepEqual(reading, { value: expected.values[ds], time: expected.time }, path);
  }
});

test('an unknown value is null in the live JSON, and a sensor with no file is null, never 0', async () => {
  const { body } = await getJson('/api/live?host=seedbox');

  assert.deepEqual(body.rtorrent.items.messages, { value: null, time: fixture.end });
  assert.equal(body.rtorrent.http, null);
  assert.equal(body.rtorrent.items.hashing, null);
  assert.equal(body.plugin, 'rtorrent');
  assert.equal(body.interval, FIXTURE_STEP_S);
});

test('counters are shown as rates: disks without their partitions, interfaces without loopback or ifb', async () => {
  const { body } = await getJson('/api/live?host=seedbox');

  assert.deepEqual(body.system.diskIo, {
    read: { value: 100_000, time: fixture.end },
    write: { value: 200_000, time: fixture.end },
  });
  assert.deepEqual(body.system.network, {
    rx: { value: 30_000, time: fixture.end },
    tx: { value: 60_000, time: fixture.end },
  });
  assert.deepEqual(body.system.cpuPercent, { value: 30, time: fixture.end });
});

test('the live JSON follows the chosen rTorrent instance', async () => {
  const { body } = await getJson('/api/live?host=seedbox&instance=demo1');

  assert.equal(body.plugin, 'rtorrent-demo1');
  assert.deepEqual(body.rtorrent.rateDown, { value: 2000, time: fixture.end });
  assert.equal(body.rtorrent.sockets, null);
});

/** Runs `rrdtool xport` (XML, no timestamps) and reads it independently of rtmon's parser. */
async function xportXml(file: string, dataSources: string[], start: number, end: number) {
  const defs = dataSources.flatMap((ds, index) => [
    `DEF:v${index}=${file}:${ds}:AVERAGE`,
    `XPORT:v${index}:${ds}`,
  ]);
  const { stdout } = await execa('rrdtool', [
    'xport',
    '--start',
    String(start),
    '--end',
    String(end),
    '--maxrows',
    '5000',
    ...defs,
  ]);
  const number = (tag: string) => Number(new RegExp(`<${tag}>(\\d+)</${tag}>`).exec(stdout)?.[1]);
  const rows = [...stdout.matchAll(/<row>(.*?)<\/row>/g)].map(([, cells], index) => [
    number('start') + index * number('step'),
    ...[...(cells ?? '').matchAll(/<v>(.*?)<\/v>/g)].map(([, value]) =>
      value === 'NaN' ? null : Number(value),
    ),
  ]);

  return { start: number('start'), end: number('end'), step: number('step'), rows };
}

test('the series JSON equals rrdtool xport for the same range, unknown values as null', async () => {
  const start = fixture.end - 1800;
  const end = fixture.end + 30;
  const query = `host=seedbox&plugin=rtorrent&series=if_octets-traffic&start=${start}&end=${end}`;
  const { status, body } = await getJson(`/api/series?${query}`);
  const expected = await xportXml(
    fixture.file('seedbox/rtorrent/if_octets-traffic'),
    ['rx', 'tx'],
    start,
    end,
  );

  assert.equal(status, 200);
  assert.deepEqual(
    { start: body.start, end: body.end, step: body.step, rows: body.rows },
    expected,
  );
  assert.deepEqual(body.columns, ['rx', 'tx']);
  assert.deepEqual(body.rows.at(-1).slice(1), [null, null]);
});

test('a series downloads as CSV, a row per step, unknown as an empty field', async () => {
  const start = fixture.end - 20;
  const end = fixture.end + 10;
  const response = await app.request(
    `/api/series?host=seedbox&plugin=load&series=load&start=${start}&end=${end}&format=csv`,
  );

  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(
    await response.text(),
    [
      'time,shortterm,midterm,longterm',
      `${fixture.end - 10},0.5,0.25,0.125`,
      `${fixture.end},0.5,0.25,0.125`,
      `${fixture.end + 10},,,`,
      '',
    ].join('\n'),
  );
});

/** Answers that come gzipped when the browser takes gzip, and the live JSON that does not. */
const COMPRESSION: Array<[string, string | null]> = [
  ['/api/hosts', 'gzip'],
  ['/api/series?host=seedbox&plugin=load&series=load&range=hour', 'gzip'],
  ['/api/series?host=seedbox&plugin=load&series=load&range=hour&format=csv', 'gzip'],
  ['/api/live?host=seedbox', null],
];

for (const [path, encoding] of COMPRESSION) {
  test(`${path} asked with gzip comes ${encoding === null ? 'uncompressed' : 'gzipped, the same bytes once unpacked'}`, async () => {
    const packed = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, br' } });
    const plain = await app.request(path);
    const packedBytes = Buffer.from(await packed.arrayBuffer());
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    const unpacked = encoding === 'gzip' ? gunzipSync(packedBytes) : packedBytes;

    assert.equal(packed.status, 200);
    assert.equal(packed.headers.get('content-encoding'), encoding);
    assert.equal(plain.headers.get('content-encoding'), null);
    // The live snapshot's times may move between the two requests; its shape may not.
    if (encoding === null) assert.equal(unpacked.length, plainBytes.length);
    else assert.deepEqual(unpacked, plainBytes);
  });
}

test('a graph is a PNG or SVG with an ETag, and the same ETag answers 304 Not Modified', async () => {
  // A fixed range: 'hour' ends at now rounded to 5 s, so a slow first answer could change it.
  const range = `start=${fixture.end - 3600}&end=${fixture.end}`;
  const path = `/graph/seedbox/rtorrent/gauge-rate_up.png?${range}&width=300&height=100`;
  const first = await app.request(path);
  const image = Buffer.from(await first.arrayBuffer());

  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'image/png');
  assert.deepEqual([...image.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(first.headers.get('x-graph-width'), '300');

  const etag = first.headers.get('etag') ?? '';
  const again = await app.request(path, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);

  const svg = await app.request('/graph/seedbox/load/load.svg?range=day&theme=dark');
  assert.equal(svg.status, 200);
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match((await svg.text()).slice(0, 100), /^<\?xml/);
});

/** A PNG's width and height in pixels, from its IHDR chunk, which always comes first. */
function pngSize(image: Buffer): [number, number] {
  return [image.readUInt32BE(16), image.readUInt32BE(20)];
}

test('a PNG drawn at scale 2 or 3 has that many times the pixels each way, and the same geometry', async () => {
  const range = `start=${fixture.end - 3600}&end=${fixture.end}`;
  const path = `/graph/seedbox/rtorrent/gauge-rate_up.png?${range}&width=300&height=100`;
  const drawn = [];
  for (const scale of ['', '&scale=1', '&scale=2', '&scale=3']) {
    const response = await app.request(`${path}${scale}`);
    assert.equal(response.status, 200, scale);
    drawn.push({
      size: pngSize(Buffer.from(await response.arrayBuffer())),
      etag: response.headers.get('etag'),
      geometry: ['left', 'top', 'width', 'height'].map((name) =>
        response.headers.get(`x-graph-${name}`),
      ),
    });
  }

  const [width = 0, height = 0] = drawn[0]?.size ?? [];
  assert.ok(width > 300 && height > 100, `the 1x image is ${width} x ${height}`);
  assert.deepEqual(
    drawn.map((entry) => entry.size),
    [1, 1, 2, 3].map((scale) => [width * scale, height * scale]),
  );
  // The plot's place is in CSS pixels at every scale, so the page maps a drag the same way.
  assert.deepEqual(new Set(drawn.map((entry) => JSON.stringify(entry.geometry))).size, 1);
  assert.equal(drawn[0]?.etag, drawn[1]?.etag);
  assert.equal(new Set(drawn.map((entry) => entry.etag)).size, 3);
});

test('the pages and Chart.js are served by rtmon itself', async () => {
  for (const [path, type] of [
    ['/', 'text/html; charset=utf-8'],
    ['/graphs', 'text/html; charset=utf-8'],
    ['/assets/live.js', 'text/javascript; charset=utf-8'],
    ['/assets/chart.umd.min.js', 'text/javascript; charset=utf-8'],
  ]) {
    const response = await app.request(path ?? '');
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), type, path);
  }
});

/** Requests that must be refused, with the status and error code each earns. */
const REFUSALS: Array<[string, number, string]> = [
  ['/api/series?host=nope&plugin=load&series=load', 404, 'ERR_NOT_FOUND'],
  ['/api/series?host=seedbox&plugin=nope&series=load', 404, 'ERR_NOT_FOUND'],
  ['/api/series?host=seedbox&plugin=load&series=..%2F..%2Fetc%2Fpasswd', 404, 'ERR_NOT_FOUND'],
  ['/api/series?plugin=load&series=load', 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=seedbox&host=otherbox&plugin=load&series=load', 400, 'ERR_BAD_PARAMETER'],
  [
    '/api/series?host=seedbox&plugin=load&series=load&start=DEF:x=/etc/passwd',
    400,
    'ERR_BAD_PARAMETER',
  ],
  ['/api/series?host=seedbox&plugin=load&series=load&start=end-1h', 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=seedbox&plugin=load&series=load&start=100&end=50', 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=seedbox&plugin=load&series=load&range=forever', 400, 'ERR_BAD_PARAMETER'],
  [
    '/api/series?host=seedbox&plugin=load&series=load&range=day&start=-1h',
    400,
    'ERR_BAD_PARAMETER',
  ],
  ['/api/series?host=seedbox&plugin=load&series=load&cf=LAST', 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=seedbox&plugin=load&series=load&format=xml', 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=seedbox&plugin=load&series=load&maxrows=-1', 400, 'ERR_BAD_PARAMETER'],
  [`/api/series?host=${'a'.repeat(300)}&plugin=load&series=load`, 400, 'ERR_BAD_PARAMETER'],
  ['/api/series?host=broken&plugin=load&series=load', 502, 'ERR_RRDTOOL'],
  ['/graph/seedbox/load/load.gif', 404, 'ERR_NOT_FOUND'],
  ['/graph/seedbox/load/..%2F..%2F..%2Fetc%2Fpasswd.png', 404, 'ERR_NOT_FOUND'],
  ['/graph/%2e%2e/%2e%2e/passwd.png', 404, 'ERR_NOT_FOUND'],
  ['/graph/seedbox/load/load.png?width=99999', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?height=0', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?theme=%0ADEF', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?start=-1y&end=now&range=week', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?scale=4', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?scale=1.5', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?scale=0', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?scale=', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.png?scale=2&scale=2', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/seedbox/load/load.svg?scale=2', 400, 'ERR_BAD_PARAMETER'],
  ['/graph/broken/load/load.png', 502, 'ERR_RRDTOOL'],
  ['/api/live?host=nope', 404, 'ERR_NOT_FOUND'],
  ['/api/live?host=seedbox&instance=nope', 404, 'ERR_NOT_FOUND'],
  ['/api/live/stream?host=nope', 404, 'ERR_NOT_FOUND'],
  ['/assets/../package.json', 404, 'ERR_NOT_FOUND'],
  ['/nope', 404, 'ERR_NOT_FOUND'],
];

for (const [path, status, code] of REFUSALS) {
  test(`${path.slice(0, 90)} answers ${status} ${code}`, async () => {
    const { status: actual, body } = await getJson(path);

    assert.equal(actual, status);
    assert.equal(body.error, code);
  });
}

test('a bad parameter is answered with a message that names it and what it must be', async () => {
  const { body } = await getJson('/api/series?host=seedbox&plugin=load&series=load&cf=LAST');

  assert.equal(body.message, "cf must be one of AVERAGE, MIN, MAX, not 'LAST'");
});

test('a scale other than 1, 2 or 3 is refused with a message that says which are drawn', async () => {
  const { body } = await getJson('/graph/seedbox/load/load.png?scale=1.5');

  assert.equal(body.message, "scale must be one of 1, 2, 3, not '1.5'");
});

test("an rrdtool failure is answered with rrdtool's own message", async () => {
  const { body } = await getJson('/api/series?host=broken&plugin=load&series=load');

  assert.equal(
    body.message,
    'rrdtool info failed: ERROR: reached EOF while loading header rrd->stat_head',
  );
});

test('a host whose files rrdtool cannot read still gets a live snapshot, those sensors missing', async () => {
  const { status, body } = await getJson('/api/live?host=broken');

  assert.equal(status, 200);
  assert.equal(body.interval, null);
  assert.equal(body.system.load.shortterm, null);
});

test('every answer, an error too, carries the security headers', async () => {
  for (const path of ['/', '/api/live?host=nope']) {
    const response = await app.request(path);
    assert.equal(
      response.headers.get('content-security-policy'),
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      path,
    );
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  }
});

test('an rrdtool failure is reported to the operator with the whole command', async () => {
  serverErrors.length = 0;
  await app.request('/api/series?host=broken&plugin=load&series=load');
  const file = join(fixture.rrdDir, 'broken', 'load', 'load.rrd');

  assert.deepEqual(serverErrors, [
    `/api/series: RrdtoolError: 'rrdtool info ${file}' failed: ERROR: reached EOF while loading header rrd->stat_head`,
  ]);
});

test('series of one kind are grouped, and a group draws as one graph', async () => {
  const { body } = await getJson('/api/hosts');
  const memory = body.hosts[2].plugins.find((plugin: { name: string }) => plugin.name === 'memory');
  assert.deepEqual(memory.groups, [
    {
      name: '+memory',
      series: ['memory-buffered', 'memory-cached', 'memory-free', 'memory-used'],
    },
  ]);

  const response = await app.request('/graph/seedbox/memory/+memory.png?range=hour');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  assert.equal((await app.request('/graph/seedbox/memory/+nothing.png')).status, 404);
});
