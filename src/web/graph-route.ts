import { stat } from 'node:fs/promises';

import type { Context, Hono } from 'hono';

import { graphArgs } from '../graph/graph-args.js';
import type { ThemeName } from '../graph/graph-theme.js';
import { GraphCache, type CachedGraph } from '../graph/graph-cache.js';
import { defineGraph, defineGroupGraph, type GraphDefinition } from '../graph/graph-definition.js';
import { GROUP_PREFIX, groupSeries } from '../graph/series-group.js';
import { parseGraphvOutput } from '../rrd/graphv-output.js';
import { DataSourceNames } from '../rrd/data-source-names.js';
import type { AppContext } from './app-context.js';
import { isEtagMatch } from './etag-match.js';
import { findSeriesOr404 } from './find-series.js';
import { badParameter, notFound } from './http-error.js';
import { readChoice, readInteger, readParameter } from './query.js';
import { parseTimeRange, type TimeRange } from './time-range.js';

export const GRAPH_WIDTH_PX = { min: 100, max: 3000, default: 640 };
export const GRAPH_HEIGHT_PX = { min: 50, max: 1500, default: 200 };
/** Image pixels per CSS pixel a PNG may be drawn at: the device pixel ratios screens have. */
export const GRAPH_SCALES = ['1', '2', '3'] as const;

const FORMATS = {
  png: { rrdtool: 'PNG', contentType: 'image/png' },
  svg: { rrdtool: 'SVG', contentType: 'image/svg+xml' },
} as const;

/**
 * `GET /graph/<host>/<plugin>/<series>.png|.svg?range=|start=&end=&width=&height=&theme=&scale=`:
 * an rrdtool-drawn graph, cached and tagged by the files' mtime and every parameter. A series
 * name may also be a group's (`+memory`), drawing several series together. Width and height are
 * CSS pixels; `scale` draws a PNG at that many image pixels per CSS pixel for high-density
 * screens, while the X-Graph-* geometry stays in CSS pixels.
 */
export function addGraphRoute(app: Hono, context: AppContext): void {
  const dataSources = new DataSourceNames(context.runner);

  app.get('/graph/:host/:plugin/:file', async (c) => {
    const request = readGraphRequest(c);
    const { host, plugin } = c.req.param();
    const subject = await findSubject(context, dataSources, host, plugin, request.name);
    const modified = await Promise.all(subject.files.map((file) => stat(file))).then(
      (stats) => Math.max(...stats.map((entry) => entry.mtimeMs)),
      () => Promise.reject(notFound('series', request.name)),
    );
    const { format, range, width, height, scale, theme } = request;
    const key = JSON.stringify([
      subject.files,
      modified,
      format.rrdtool,
      range,
      width,
      height,
      scale,
      theme,
    ]);
    const etag = GraphCache.etagFor(key);
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (isEtagMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);

    const graph =
      context.graphCache.get(key) ?? (await renderGraph(context, subject, request, key));
    c.header('Content-Type', format.contentType);
    for (const [name, value] of Object.entries(graph.geometry)) {
      c.header(`X-Graph-${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`, String(value));
    }

    return c.body(new Uint8Array(graph.body));
  });
}

interface GraphRequestOptions {
  name: string;
  format: (typeof FORMATS)[keyof typeof FORMATS];
  range: TimeRange;
  width: number;
  height: number;
  scale: number;
  theme: ThemeName;
}

/** The graph's name, format and drawing parameters, each checked; 404 or 400 otherwise. */
function readGraphRequest(c: Context): GraphRequestOptions {
  const file = c.req.param('file') ?? '';
  const match = /^(.+)\.(png|svg)$/.exec(file);
  if (match === null) throw notFound('graph', file);

  const [, name = '', extension = 'png'] = match;
  const range = parseTimeRange({
    range: readParameter(c, 'range'),
    start: readParameter(c, 'start'),
    end: readParameter(c, 'end'),
  });
  const width = readInteger(c, 'width', GRAPH_WIDTH_PX, GRAPH_WIDTH_PX.default);
  const height = readInteger(c, 'height', GRAPH_HEIGHT_PX, GRAPH_HEIGHT_PX.default);
  const theme = readChoice(c, 'theme', ['light', 'dark'] as const, 'light');
  if (width * height > GRAPH_WIDTH_PX.max * GRAPH_HEIGHT_PX.default * 2) {
    throw badParameter('height', String(height), `smaller for a ${width} px wide graph`);
  }

  const scale = Number(readChoice(c, 'scale', GRAPH_SCALES, '1'));
  // A vector image is sharp at any density; a zoomed SVG would only be bigger.
  if (extension === 'svg' && scale !== 1) {
    throw badParameter('scale', String(scale), '1 for an SVG graph, which is sharp at any density');
  }

  const format = FORMATS[extension as keyof typeof FORMATS];

  return { name, format, range, width, height, scale, theme };
}

async function renderGraph(
  context: AppContext,
  subject: GraphSubject,
  request: GraphRequestOptions,
  key: string,
): Promise<CachedGraph> {
  const definition = await subject.define();
  const { format, range, width, height, scale, theme } = request;
  const args = graphArgs(
    {
      file: subject.files[0] ?? '',
      definition,
      format: format.rrdtool,
      ...range,
      width,
      height,
      scale,
      theme,
    },
    context.runner.daemonArgs(),
  );
  const { image, geometry } = parseGraphvOutput(await context.runner.run(args));

  return context.graphCache.set(key, image, geometry);
}

/** What one graph draws: its files, and how to define it once it must be rendered. */
interface GraphSubject {
  files: string[];
  define(): Promise<GraphDefinition>;
}

/** A series by its name, or a group of a plugin's series by its `+` name. */
async function findSubject(
  context: AppContext,
  dataSources: DataSourceNames,
  host: string,
  pluginName: string,
  name: string,
): Promise<GraphSubject> {
  if (name.startsWith(GROUP_PREFIX)) {
    const plugin = await context.catalog.findPlugin(host, pluginName);
    const group =
      plugin === undefined ? undefined : groupSeries(plugin).find((entry) => entry.name === name);
    if (plugin === undefined || group === undefined) throw notFound('graph', name);

    return {
      files: group.series.map((series) => series.file),
      define: async () => defineGroupGraph(plugin, group),
    };
  }

  const { plugin, series } = await findSeriesOr404(context, host, pluginName, name);

  return {
    files: [series.file],
    define: async () => defineGraph(plugin, series, await dataSources.get(series.file)),
  };
}
