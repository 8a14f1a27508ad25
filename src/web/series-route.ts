import type { Context, Hono } from 'hono';

import { readRrdInfo } from '../rrd/rrd-info.js';
import { xportSeries, type Xport } from '../rrd/rrd-xport.js';
import type { AppContext } from './app-context.js';
import { findSeriesOr404 } from './find-series.js';
import { readChoice, readInteger, readParameter, requireParameter } from './query.js';
import { parseTimeRange } from './time-range.js';

export const MAX_SERIES_ROWS = 5_000;
const CONSOLIDATIONS = ['AVERAGE', 'MIN', 'MAX'] as const;

/**
 * `GET /api/series?host=&plugin=&series=&range=|start=&end=&cf=&format=json|csv`: one series
 * over a range, exactly as `rrdtool xport` gives it.
 */
export function addSeriesRoute(app: Hono, context: AppContext): void {
  app.get('/api/series', async (c) => {
    const host = requireParameter(c, 'host');
    const plugin = requireParameter(c, 'plugin');
    const name = requireParameter(c, 'series');
    const range = parseTimeRange({
      range: readParameter(c, 'range'),
      start: readParameter(c, 'start'),
      end: readParameter(c, 'end'),
    });
    const cf = readChoice(c, 'cf', CONSOLIDATIONS, 'AVERAGE');
    const format = readChoice(c, 'format', ['json', 'csv'] as const, 'json');
    const maxRows = readInteger(c, 'maxrows', { min: 10, max: MAX_SERIES_ROWS }, MAX_SERIES_ROWS);

    const { series } = await findSeriesOr404(context, host, plugin, name);
    const info = await readRrdInfo(context.runner, series.file);
    const dataSources = info.dataSources.map((source) => source.name);
    const xport = await xportSeries(context.runner, {
      file: series.file,
      dataSources,
      cf,
      ...range,
      maxRows,
    });

    if (format === 'csv') return csvResponse(c, `${host}_${plugin}_${name}`, xport);

    return c.json({ host, plugin, series: name, cf, ...xport });
  });
}

/** CSV with a `time` column of epoch seconds; an unknown value is an empty field. */
export function formatCsv(xport: Xport): string {
  const header = ['time', ...xport.columns].join(',');
  const rows = xport.rows.map((row) =>
    row.map((value) => (value === null ? '' : String(value))).join(','),
  );

  return [header, ...rows].join('\n') + '\n';
}

function csvResponse(c: Context, basename: string, xport: Xport): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header(
    'Content-Disposition',
    `attachment; filename="${basename.replace(/[^\w.-]/g, '_')}.csv"`,
  );

  return c.body(formatCsv(xport));
}
