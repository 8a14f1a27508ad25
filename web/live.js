// The live page: the newest snapshot from /api/live, then one per interval from
// /api/live/stream; the rate chart starts with the archive's last hour and grows live.
// Chart.js is ten times the rest of the page, so it loads beside the first values instead of
// before them, and the values show without waiting for it.
import {
  MISSING,
  cssColor,
  fetchJson,
  fillSelect,
  formatAge,
  formatBytes,
  formatClock,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRate,
} from './common.js';

const CHART_SPAN_S = 3600;
const MIN_STALE_AFTER_S = 30;
const HEARTBEAT_TICK_MS = 1000;
const CHART_TICK_MS = 15 * 60 * 1000;
const CHART_JS_URL = '/assets/chart.umd.min.js';
// A User Timing mark at the first values shown, for whoever times the page: the benchmark does.
const FIRST_VALUES_MARK = 'rtmon:first-values';

const ITEMS = [
  ['total', '♯', 'total'],
  ['transferring', '⚡', 'transferring'],
  ['messages', '↯', 'with message'],
  ['complete', '✔', 'complete'],
  ['incomplete', '◑', 'incomplete'],
  ['seeding', '▲', 'seeding'],
  ['leeching', '▼', 'leeching'],
  ['started', '☀', 'started'],
  ['stopped', '■', 'stopped'],
];

const FORMATS = {
  rate: formatRate,
  bytes: formatBytes,
  duration: formatDuration,
  number: (value) => formatNumber(value),
  percent: formatPercent,
  load: (value) => formatNumber(value, 2),
  seconds: (value) => (value === null ? MISSING : `${formatNumber(value * 1000, 0)} ms`),
};

const state = { target: readTarget(), lastEventAt: 0, interval: null, chart: null, stream: null };

start().catch(showProblem);

async function start() {
  const chartLibrary = loadScript(CHART_JS_URL);
  const targets = fillTargets();
  // Each is awaited once the values show; until then a failure is no one's to report.
  chartLibrary.catch(() => undefined);
  targets.catch(() => undefined);
  buildItems();
  setInterval(tickHeartbeat, HEARTBEAT_TICK_MS);
  const snapshot = await fetchJson(`/api/live?${targetQuery()}`);
  render(snapshot);
  performance.mark(FIRST_VALUES_MARK);
  await targets;
  // The last hour of rates comes while Chart.js still loads; without a chart the values still
  // come live.
  await Promise.all([fetchRateHistory(snapshot), chartLibrary])
    .then(([points]) => drawChart(points, snapshot))
    .catch(showChartProblem);
  openStream();
}

/** Adds a classic script to the page; resolves once it has run. */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`${src} could not be loaded`)));
    document.head.append(script);
  });
}

function readTarget() {
  const params = new URLSearchParams(location.search);

  return { host: params.get('host'), instance: params.get('instance') };
}

function targetQuery() {
  const params = new URLSearchParams();
  if (state.target.host) params.set('host', state.target.host);
  if (state.target.instance !== null) params.set('instance', state.target.instance);

  return params.toString();
}

/** One choice per host and rTorrent instance; a host without rTorrent is one choice too. */
async function fillTargets() {
  const { hosts } = await fetchJson('/api/hosts');
  const options = hosts.flatMap((host) => {
    const instances = host.plugins.filter((plugin) => plugin.plugin === 'rtorrent');
    if (instances.length === 0)
      return [{ value: JSON.stringify([host.name, null]), label: host.name }];

    return instances.map((plugin) => ({
      value: JSON.stringify([host.name, plugin.instance]),
      label: plugin.instance === '' ? host.name : `${host.name} · ${plugin.instance}`,
    }));
  });
  const select = document.getElementById('target');
  fillSelect(select, options, JSON.stringify([state.target.host, state.target.instance]));
  select.hidden = options.length < 2;
  select.addEventListener('change', () => {
    const [host, instance] = JSON.parse(select.value);
    const params = new URLSearchParams({ host });
    if (instance !== null) params.set('instance', instance);
    location.search = params.toString();
  });
}

function openStream() {
  const stream = new EventSource(`/api/live/stream?${targetQuery()}`);
  state.stream = stream;
  stream.addEventListener('live', (event) => {
    const snapshot = JSON.parse(event.data);
    render(snapshot);
    appendChart(snapshot);
    beat();
  });
  stream.addEventListener('problem', (event) => {
    showProblem(new Error(JSON.parse(event.data).message));
    beat();
  });
  stream.addEventListener('error', () => {
    document.getElementById('heartbeat-text').textContent = 'reconnecting…';
    document.getElementById('heartbeat').classList.remove('live');
  });
}

function beat() {
  state.lastEventAt = Date.now();
  const heartbeat = document.getElementById('heartbeat');
  heartbeat.classList.add('live', 'beat');
  heartbeat.classList.remove('late');
  setTimeout(() => heartbeat.classList.remove('beat'), 400);
  tickHeartbeat();
}

function tickHeartbeat() {
  if (state.lastEventAt === 0) return;

  const age = (Date.now() - state.lastEventAt) / 1000;
  const late = age > 3 * (state.interval ?? 10);
  const heartbeat = document.getElementById('heartbeat');
  heartbeat.classList.toggle('late', late);
  document.getElementById('heartbeat-text').textContent = late
    ? `no update for ${formatAge(age)}`
    : `live · ${formatAge(age)} ago`;
}

function render(snapshot) {
  state.interval = snapshot.interval;
  document.getElementById('problem').hidden = true;
  const where = `${snapshot.host}${snapshot.instance ? ` · ${snapshot.instance}` : ''}`;
  const up = snapshot.rtorrent.rateUp?.value ?? null;
  const down = snapshot.rtorrent.rateDown?.value ?? null;
  document.title =
    up === null && down === null
      ? `rtmon · ${where}`
      : `▲ ${formatRate(up)} ▼ ${formatRate(down)} · ${where}`;
  const graphs = new URLSearchParams({ host: snapshot.host });
  if (snapshot.plugin) graphs.set('plugin', snapshot.plugin);
  document.getElementById('graphs-link').href = `/graphs?${graphs}`;
  document.getElementById('target').value = JSON.stringify([
    snapshot.host,
    snapshot.plugin === null ? null : snapshot.instance,
  ]);

  for (const element of document.querySelectorAll('[data-reading]')) {
    const reading = readPath(snapshot, element.dataset.reading);
    showReading(element, reading, FORMATS[element.dataset.format], snapshot);
  }

  renderItems(snapshot);
  renderDone(snapshot);
  renderShare('memory', snapshot.system.memory, 'used', snapshot);
  renderShare('swap', snapshot.system.swap, 'used', snapshot);
  renderMeter('cpu', snapshot.system.cpuPercent?.value ?? null);
  renderDisks(snapshot);
  renderTrackers(snapshot);
}

function readPath(object, path) {
  return path
    .split('.')
    .reduce((node, key) => (node === null || node === undefined ? null : node[key]), object);
}

/**
 * Shows a reading: "—" when the sensor is missing (no file) or its value unknown, and the
 * reading's age when it is older than a few intervals.
 */
function showReading(element, reading, format, snapshot) {
  element.classList.remove('missing', 'stale');
  element.removeAttribute('title');
  if (reading === null || reading === undefined) {
    element.textContent = MISSING;
    element.classList.add('missing');
    element.title = 'no such sensor in the archive';

    return;
  }

  element.textContent = reading.value === null ? MISSING : format(reading.value);
  if (reading.value === null) {
    element.classList.add('missing');
    element.title = 'unknown: the archive holds no value for this time';
  }

  const age = snapshot.now - reading.time;
  if (age > staleAfter(snapshot)) {
    element.classList.add('stale');
    element.title = `last written ${new Date(reading.time * 1000).toLocaleString()}`;
    const badge = document.createElement('span');
    badge.className = 'age';
    badge.textContent = `${formatAge(age)} old`;
    element.append(badge);
  }
}

function staleAfter(snapshot) {
  return Math.max(3 * (snapshot.interval ?? 10), MIN_STALE_AFTER_S);
}

function buildItems() {
  const container = document.getElementById('items');
  for (const [key, glyph, label] of ITEMS) {
    const item = document.createElement('div');
    item.className = 'item';
    item.title = label;
    item.innerHTML = `<span class="glyph"></span><span class="value">${MISSING}</span><span class="label"></span>`;
    item.querySelector('.glyph').textContent = glyph;
    item.querySelector('.label').textContent = label;
    item.querySelector('.value').dataset.item = key;
    container.append(item);
  }
}

function renderItems(snapshot) {
  for (const element of document.querySelectorAll('[data-item]')) {
    showReading(element, snapshot.rtorrent.items[element.dataset.item], FORMATS.number, snapshot);
  }
}

/** Used of total for memory and swap; the total is the sum of every state collectd reports. */
function renderShare(name, readings, usedKey, snapshot) {
  const used = readings[usedKey] ?? null;
  const values = Object.values(readings);
  const known = values.length > 0 && values.every((reading) => reading.value !== null);
  const total = known ? values.reduce((sum, reading) => sum + reading.value, 0) : null;
  showReading(document.getElementById(`${name}-used`), used, formatBytes, snapshot);
  document.getElementById(`${name}-total`).textContent =
    total === null ? '' : `of ${formatBytes(total)}`;
  renderMeter(name, used?.value != null && total ? (100 * used.value) / total : null);
}

/** How much of all items' data is here: 1 − left ÷ size. */
function renderDone(snapshot) {
  const size = snapshot.rtorrent.sizeTotal?.value ?? null;
  const left = snapshot.rtorrent.leftTotal?.value ?? null;
  const done = size === null || left === null || size <= 0 ? null : 100 * (1 - left / size);
  document.getElementById('done-percent').textContent = formatPercent(done);
}

function renderMeter(name, percent) {
  const meter = document.querySelector(`[data-meter="${name}"]`);
  meter.querySelector('span').style.width = `${Math.min(100, Math.max(0, percent ?? 0))}%`;
  meter.classList.toggle('high', (percent ?? 0) > 90);
}

function renderDisks(snapshot) {
  const container = document.getElementById('disks');
  const disks = snapshot.system.disks.map((disk) => {
    const kpi = document.createElement('div');
    kpi.className = 'kpi';
    kpi.innerHTML =
      '<div class="label"></div><div class="value"></div><div class="sub"></div><div class="meter"><span></span></div>';
    const name = disk.path ?? `/${disk.plugin.replace(/^df-/, '').replace('root', '')}`;
    kpi.querySelector('.label').textContent = `disk ${name}`;
    showReading(kpi.querySelector('.value'), disk.used, formatBytes, snapshot);
    const parts = [disk.used, disk.free, disk.reserved].filter((reading) => reading !== null);
    const known = parts.length > 0 && parts.every((reading) => reading.value !== null);
    const total = known ? parts.reduce((sum, reading) => sum + reading.value, 0) : null;
    kpi.querySelector('.sub').textContent = total === null ? '' : `of ${formatBytes(total)}`;
    const percent = total && disk.used?.value != null ? (100 * disk.used.value) / total : 0;
    kpi.querySelector('.meter span').style.width = `${percent}%`;
    kpi.querySelector('.meter').classList.toggle('high', percent > 90);

    return kpi;
  });
  container.replaceChildren(...disks);
}

function renderTrackers(snapshot) {
  const body = document.querySelector('#trackers tbody');
  if (snapshot.trackers.length === 0) {
    const row = document.createElement('tr');
    row.innerHTML = '<td colspan="5" class="missing">no tracker series in the archive</td>';
    body.replaceChildren(row);

    return;
  }

  body.replaceChildren(
    ...snapshot.trackers.map((tracker) => {
      const row = document.createElement('tr');
      const cells = [
        [tracker.items, FORMATS.number],
        [tracker.messages, FORMATS.number],
        [tracker.rateUp, formatRate],
        [tracker.rateDown, formatRate],
      ];
      const name = document.createElement('td');
      name.textContent = tracker.domain;
      row.append(name);
      for (const [reading, format] of cells) {
        const cell = document.createElement('td');
        showReading(cell, reading, format, snapshot);
        row.append(cell);
      }

      return row;
    }),
  );
}

/** The archive's last hour of upload and download rates, as chart points. */
async function fetchRateHistory(snapshot) {
  if (snapshot.plugin === null) return { up: [], down: [] };

  const base = { host: snapshot.host, plugin: snapshot.plugin, range: 'hour' };
  const load = (series) =>
    fetchJson(`/api/series?${new URLSearchParams({ ...base, series })}`).catch(() => null);
  const [up, down] = await Promise.all([load('gauge-rate_up'), load('gauge-rate_down')]);

  return { up: toPoints(up), down: toPoints(down) };
}

function drawChart(points, snapshot) {
  state.chart = createChart(points);
  appendChart(snapshot);
  showChartIfAny(snapshot);
}

function toPoints(series) {
  if (series === null) return [];

  // The archive's newest rows can be unknown (not written yet); the live stream fills them in.
  const rows = [...series.rows];
  while (rows.length > 0 && rows.at(-1)[1] === null) rows.pop();

  return rows.map(([time, value]) => ({ x: time * 1000, y: value }));
}

function createChart(points) {
  const canvas = document.getElementById('rate-chart');
  const dataset = (label, data, color) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 0,
    spanGaps: false,
    tension: 0.2,
  });

  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        dataset('▲ upload', points.up, cssColor('--up')),
        dataset('▼ download', points.down, cssColor('--down')),
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'linear',
          afterBuildTicks: (axis) => {
            axis.ticks = quarterHourTicks(axis.min, axis.max);
          },
          ticks: {
            maxRotation: 0,
            maxTicksLimit: 7,
            callback: (value) => formatClock(value / 1000),
            color: cssColor('--muted'),
          },
          grid: { color: cssColor('--line') },
        },
        y: {
          beginAtZero: true,
          ticks: {
            maxTicksLimit: 6,
            callback: (value) => formatRate(value),
            color: cssColor('--muted'),
          },
          grid: { color: cssColor('--line') },
        },
      },
      plugins: {
        legend: { labels: { color: cssColor('--text'), boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) =>
              items.length > 0 ? new Date(items[0].parsed.x).toLocaleTimeString() : '',
            label: (item) => `${item.dataset.label}: ${formatRate(item.parsed.y)}`,
          },
        },
      },
    },
  });
}

/** Ticks at whole quarter hours, which a linear axis over milliseconds would not pick. */
function quarterHourTicks(min, max) {
  const ticks = [];
  for (
    let value = Math.ceil(min / CHART_TICK_MS) * CHART_TICK_MS;
    value <= max;
    value += CHART_TICK_MS
  ) {
    ticks.push({ value });
  }

  return ticks;
}

/** The chart shows exactly the hour before its newest point. */
function fitChartWindow() {
  const newest = Math.max(
    0,
    ...state.chart.data.datasets.map((dataset) => dataset.data.at(-1)?.x ?? 0),
  );
  if (newest === 0) return;

  state.chart.options.scales.x.min = newest - CHART_SPAN_S * 1000;
  state.chart.options.scales.x.max = newest;
}

/** Adds the snapshot's rates to the chart, once per written time, dropping what is over an hour old. */
function appendChart(snapshot) {
  if (state.chart === null) return;

  const pairs = [
    [state.chart.data.datasets[0], snapshot.rtorrent.rateUp],
    [state.chart.data.datasets[1], snapshot.rtorrent.rateDown],
  ];
  for (const [dataset, reading] of pairs) {
    if (reading === null) continue;

    const x = reading.time * 1000;
    const last = dataset.data.at(-1);
    if (last !== undefined && last.x >= x) continue;

    dataset.data.push({ x, y: reading.value });
    const oldest = x - CHART_SPAN_S * 1000;
    while (dataset.data.length > 0 && dataset.data[0].x < oldest) dataset.data.shift();
  }

  fitChartWindow();
  state.chart.update('none');
}

/** An instance without rate series gets a note, not an empty chart with a made-up axis. */
function showChartIfAny(snapshot) {
  const hasRates = snapshot.rtorrent.rateUp !== null || snapshot.rtorrent.rateDown !== null;
  document.querySelector('.chart-box').hidden = !hasRates;
  document.getElementById('chart-note').hidden = hasRates;
}

function showChartProblem(error) {
  const note = document.getElementById('chart-note');
  note.textContent = `No rate chart: ${error.message}`;
  note.hidden = false;
  document.querySelector('.chart-box').hidden = true;
}

function showProblem(error) {
  const problem = document.getElementById('problem');
  problem.textContent = `Problem: ${error.message}`;
  problem.hidden = false;
}
