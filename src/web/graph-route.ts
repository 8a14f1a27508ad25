import { stat } from 'node:fs/promises';

import type { Hono } from 'hono';

import { graphArgs } from '../graph/graph-args.js';
import { GraphCache, type CachedGraph } from '../graph/graph-cache.js';
import { defineGraph } from '../graph/graph-definition.js';
import { parseGraphvOutput } from '../rrd/graphv-output.js';
import { readRrdInfo } from '../rrd/rrd-info.js';
import type { AppContext } from './app-context.js';
import { findSeriesOr404 } from './find-series.js';
import { badParameter, notFound } from './http-error.js';
import { readChoice, readInteger, readParameter } from './query.js';
import { parseTimeRange } from './time-range.js';

export const GRAPH_WIDTH_PX = { min: 100, max: 3000, default: 640 };
export const GRAPH_HEIGHT_PX = { min: 50, max: 1500, default: 200 };

const FORMATS = {
  png: { rrdtool: 'PNG', contentType: 'image/png' },
  svg: { rrdtool: 'SVG', contentType: 'image/svg+xml' },
} as const;

/**
 * `GET /graph/<host>/<plugin>/<series>.png|.svg?range=|start=&end=&width=&height=&theme=`:
 * an rrdtool-drawn graph, cached and tagged by the file's mtime and every parameter.
 */
export function addGraphRoute(app: Hono, context: AppContext): void {
  app.get('/graph/:host/:plugin/:file', async (c) => {
    const file = c.req.param('file');
    const match = /^(.+)\.(png|svg)$/.exec(file);
    if (match === null) throw notFound('graph', file);

    const [, name = '', extension = 'png'] = match;
    const format = FORMATS[extension as keyof typeof FORMATS];
    const range = parseTimeRange({
      range: readParameter(c, 'range'),
      start: readParameter(c, 'start'),
      end: readParameter(c, 'end'),
    });
    const width = readInteger(c, 'width', GRAPH_WIDTH_PX, GRAPH_WIDTH_PX.default);
    const height = readInteger(c, 'height', GRAPH_HEIGHT_PX, GRAPH_HEIGHT_PX.default);
    const theme = readChoice(c, 'theme', ['light', 'dark'] as const, 'light');
    const host = c.req.param('host');
    const pluginName = c.req.param('plugin');
    if (width * height > GRAPH_WIDTH_PX.max * GRAPH_HEIGHT_PX.default * 2) {
      throw badParameter('height', String(height), `smaller for a ${width} px wide graph`);
    }

    const { plugin, series } = await findSeriesOr404(context, host, pluginName, name);
    const modified = await stat(series.file).then(
      (stats) => stats.mtimeMs,
      () => Promise.reject(notFound('series', name)),
    );
    const key = JSON.stringify([
      series.file,
      modified,
      format.rrdtool,
      range,
      width,
      height,
      theme,
    ]);
    const etag = GraphCache.etagFor(key);
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);

    const graph = context.graphCache.get(key) ?? (await render());
    c.header('Content-Type', format.contentType);
    for (const [name, value] of Object.entries(graph.geometry)) {
      c.header(`X-Graph-${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`, String(value));
    }

    return c.body(new Uint8Array(graph.body));

    async function render(): Promise<CachedGraph> {
      const info = await readRrdInfo(context.runner, series.file);
      const dataSources = info.dataSources.map((source) => source.name);
      const definition = defineGraph(plugin, series, dataSources);
      const args = graphArgs(
        { file: series.file, definition, format: format.rrdtool, ...range, width, height, theme },
        context.runner.daemonArgs(),
      );
      const output = await context.runner.run(args);
      const { image, geometry } = parseGraphvOutput(output);

      return context.graphCache.set(key, image, geometry);
    }
  });
}
