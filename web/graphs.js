// The graph browser: host, then plugin, then every series of it drawn by rrdtool; one range
// (a preset, a custom range, or a drag across any graph) for all of them.
import { currentTheme, fetchJson, fillSelect } from './common.js';

const GRAPH_HEIGHT_PX = 160;
/** The largest pixels per CSS pixel the graph route draws at. */
const MAX_GRAPH_SCALE = 3;
const MIN_DRAG_PX = 5;
const PRESETS = ['hour', 'day', 'week', 'month', 'year'];

const state = { hosts: [], host: null, plugin: null, range: { preset: 'day' } };

start().catch(showProblem);

async function start() {
  readUrl();
  state.hosts = (await fetchJson('/api/hosts')).hosts;
  document.getElementById('host').addEventListener('change', (event) => {
    state.host = event.target.value;
    state.plugin = null;
    update();
  });
  document.getElementById('plugin').addEventListener('change', (event) => {
    state.plugin = event.target.value;
    update();
  });
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      state.range = { preset: button.dataset.preset };
      update();
    });
  }
  document.getElementById('custom').addEventListener('submit', (event) => {
    event.preventDefault();
    const start = Date.parse(document.getElementById('custom-start').value) / 1000;
    const end = Date.parse(document.getElementById('custom-end').value) / 1000;
    if (!(end > start)) return showProblem(new Error('the range must end after it starts'));

    state.range = { start: Math.floor(start), end: Math.floor(end) };
    update();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => renderGraphs());
  redrawWhenPixelRatioChanges();
  update();
}

/** A window moved to a screen of another density, or zoomed, gets graphs drawn for it. */
function redrawWhenPixelRatioChanges() {
  matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener(
    'change',
    () => {
      redrawWhenPixelRatioChanges();
      renderGraphs();
    },
    { once: true },
  );
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.host = params.get('host');
  state.plugin = params.get('plugin');
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  if (start > 0 && end > start) state.range = { start, end };
  else if (PRESETS.includes(params.get('range'))) state.range = { preset: params.get('range') };
}

function update() {
  const host = state.hosts.find((entry) => entry.name === state.host) ?? state.hosts[0];
  if (host === undefined) return showProblem(new Error('the RRD folder holds no hosts yet'));

  state.host = host.name;
  const plugin =
    host.plugins.find((entry) => entry.name === state.plugin) ??
    host.plugins.find((entry) => entry.name === 'rtorrent') ??
    host.plugins[0];
  state.plugin = plugin.name;

  fillSelect(
    document.getElementById('host'),
    state.hosts.map((entry) => ({ value: entry.name, label: entry.name })),
    state.host,
  );
  fillSelect(
    document.getElementById('plugin'),
    host.plugins.map((entry) => ({ value: entry.name, label: entry.name })),
    state.plugin,
  );
  history.replaceState(
    null,
    '',
    `/graphs?${new URLSearchParams({ host: state.host, plugin: state.plugin, ...rangeParams() })}`,
  );
  document.getElementById('live-link').href = `/?${new URLSearchParams({ host: state.host })}`;
  showRange();
  renderGraphs();
}

function rangeParams() {
  if ('preset' in state.range) return { range: state.range.preset };

  return { start: String(state.range.start), end: String(state.range.end) };
}

function showRange() {
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.setAttribute('aria-pressed', String(state.range.preset === button.dataset.preset));
  }

  const shown = document.getElementById('range-shown');
  if ('preset' in state.range) {
    shown.textContent = `last ${state.range.preset}`;

    return;
  }

  const format = (seconds) => new Date(seconds * 1000).toLocaleString();
  shown.textContent = `${format(state.range.start)} – ${format(state.range.end)}`;
  document.getElementById('custom-start').value = toLocalInput(state.range.start);
  document.getElementById('custom-end').value = toLocalInput(state.range.end);
}

function toLocalInput(seconds) {
  const date = new Date(seconds * 1000);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);

  return local.toISOString().slice(0, 16);
}

function renderGraphs() {
  const host = state.hosts.find((entry) => entry.name === state.host);
  const plugin = host?.plugins.find((entry) => entry.name === state.plugin);
  const container = document.getElementById('graphs');
  document.getElementById('problem').hidden = true;
  // Groups first (memory states stacked, all item counts together), then each series alone.
  const groups = (plugin?.groups ?? []).map((group) => graphFigure(group, true));
  const series = (plugin?.series ?? []).map((entry) => graphFigure(entry, false));
  container.replaceChildren(...groups, ...series);
  for (const figure of container.querySelectorAll('figure')) loadGraph(figure);
}

function graphFigure(series, isGroup) {
  const figure = document.createElement('figure');
  figure.className = 'graph';
  figure.dataset.series = series.name;
  figure.innerHTML = `<div class="frame"><img alt="" /><div class="selection"></div></div>
    <figcaption><span class="name"></span><a data-format="svg">SVG</a><a data-format="csv">CSV</a><a data-format="json">JSON</a></figcaption>`;
  figure.querySelector('.name').textContent = series.name;
  figure.querySelector('img').alt = `graph of ${state.host}/${state.plugin}/${series.name}`;
  const path = graphPath(series.name);
  const seriesQuery = new URLSearchParams({
    host: state.host,
    plugin: state.plugin,
    series: series.name,
    ...rangeParams(),
  });
  figure.querySelector('[data-format="svg"]').href = `${path}.svg?${graphQuery(800)}`;
  figure.querySelector('[data-format="csv"]').href = `/api/series?${seriesQuery}&format=csv`;
  figure.querySelector('[data-format="json"]').href = `/api/series?${seriesQuery}`;
  if (isGroup) {
    // A group is drawn from several files; its data downloads series by series.
    figure.querySelector('[data-format="csv"]').remove();
    figure.querySelector('[data-format="json"]').remove();
    figure.querySelector('.name').textContent =
      `${series.name.slice(1)} (${series.series.length} series)`;
  }
  enableZoom(figure);

  return figure;
}

function graphPath(series) {
  return `/graph/${[state.host, state.plugin, series].map(encodeURIComponent).join('/')}`;
}

function graphQuery(width) {
  const params = new URLSearchParams({ ...rangeParams(), theme: currentTheme() });
  params.set('width', String(width));
  params.set('height', String(GRAPH_HEIGHT_PX));

  return params.toString();
}

/**
 * Image pixels per CSS pixel for this screen: 2 on most high-density ones. A ratio between
 * whole numbers rounds up, as a sharper image shrunk looks better than a blurrier one enlarged.
 */
function graphScale() {
  return Math.min(MAX_GRAPH_SCALE, Math.max(1, Math.ceil(devicePixelRatio)));
}

/**
 * Fetches the PNG at the screen's density and keeps where rrdtool drew the plot (X-Graph-*
 * headers, in CSS pixels) for zooming.
 */
async function loadGraph(figure) {
  const frame = figure.querySelector('.frame');
  const width = Math.max(200, Math.min(1400, Math.round(frame.clientWidth - 95)));
  const scale = graphScale();
  const query = `${graphQuery(width)}&scale=${scale}`;
  const response = await fetch(`${graphPath(figure.dataset.series)}.png?${query}`);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    figure.querySelector('.name').textContent =
      `${figure.dataset.series}: ${body.message ?? response.status}`;

    return;
  }

  for (const name of ['left', 'width', 'start', 'end']) {
    figure.dataset[`graph${name[0].toUpperCase()}${name.slice(1)}`] = response.headers.get(
      `X-Graph-${name[0].toUpperCase()}${name.slice(1)}`,
    );
  }
  const image = figure.querySelector('img');
  const previous = image.dataset.objectUrl;
  image.dataset.objectUrl = URL.createObjectURL(await response.blob());
  // The density descriptor makes the image's natural size its size in CSS pixels, as at 1x.
  image.srcset = `${image.dataset.objectUrl} ${scale}x`;
  if (previous !== undefined) URL.revokeObjectURL(previous);
}

/** Drag across the plot to pick a time range; every graph then shows it. */
function enableZoom(figure) {
  const frame = figure.querySelector('.frame');
  const selection = figure.querySelector('.selection');
  let from = null;

  frame.addEventListener('pointerdown', (event) => {
    from = event.clientX - frame.getBoundingClientRect().left;
    frame.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  frame.addEventListener('pointermove', (event) => {
    if (from === null) return;

    const to = event.clientX - frame.getBoundingClientRect().left;
    selection.style.display = 'block';
    selection.style.left = `${Math.min(from, to)}px`;
    selection.style.width = `${Math.abs(to - from)}px`;
  });
  frame.addEventListener('pointerup', (event) => {
    if (from === null) return;

    const to = event.clientX - frame.getBoundingClientRect().left;
    const start = from;
    from = null;
    selection.style.display = 'none';
    if (Math.abs(to - start) < MIN_DRAG_PX) return;

    const range = timesAt(figure, Math.min(start, to), Math.max(start, to));
    if (range === null) return;

    state.range = range;
    update();
  });
}

/** Maps two x positions on the shown image to times, through the plot's place in the image. */
function timesAt(figure, leftPx, rightPx) {
  const image = figure.querySelector('img');
  const { graphLeft, graphWidth, graphStart, graphEnd } = figure.dataset;
  if (!image.naturalWidth || !graphWidth) return null;

  const scale = image.naturalWidth / image.clientWidth;
  const toTime = (x) => {
    const fraction = (x * scale - Number(graphLeft)) / Number(graphWidth);
    const clamped = Math.min(1, Math.max(0, fraction));

    return Math.round(Number(graphStart) + clamped * (Number(graphEnd) - Number(graphStart)));
  };
  const start = toTime(leftPx);
  const end = toTime(rightPx);

  return end - start >= 10 ? { start, end } : null;
}

function showProblem(error) {
  const problem = document.getElementById('problem');
  problem.textContent = `Problem: ${error.message}`;
  problem.hidden = false;
}
