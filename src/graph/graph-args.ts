import { escapeDefPath } from '../rrd/escape-def-path.js';
import type { GraphDefinition } from './graph-definition.js';
import { GRAPH_THEMES, type ThemeName } from './graph-theme.js';

export interface GraphRequest {
  /** The file of lines that name none. */
  file: string;
  definition: GraphDefinition;
  format: 'PNG' | 'SVG';
  start: number;
  end: number;
  width: number;
  height: number;
  /** Image pixels per CSS pixel: 2 draws the same graph, text and lines twice as finely. */
  scale: number;
  theme: ThemeName;
}

/**
 * The argv of `rrdtool graphv -` for one series. Every text that came from a file name goes
 * through {@link escapeGraphText}, so it can only ever be a label.
 */
export function graphArgs(request: GraphRequest, daemonArgs: string[] = []): string[] {
  const { definition } = request;
  const theme = GRAPH_THEMES[request.theme];
  const args = ['graphv', '-', ...daemonArgs, '--imgformat', request.format];
  args.push('--start', String(request.start), '--end', String(request.end));
  args.push('--width', String(request.width), '--height', String(request.height));
  // rrdtool 1.7.2 multiplies the whole image by --zoom (fonts, lines, margins, an exact
  // multiple of the 1x size for whole numbers) but reports graphv's geometry before the zoom.
  args.push('--zoom', String(request.scale));
  args.push('--title', withoutControlCharacters(definition.title));
  args.push('--vertical-label', escapeGraphText(definition.verticalLabel));
  args.push('--base', String(definition.base), '--slope-mode', '--rigid', '--lower-limit', '0');
  // A monospaced legend keeps the now/avg/max columns of several lines aligned.
  args.push('--font', 'DEFAULT:8:DejaVu Sans', '--font', 'LEGEND:7:DejaVu Sans Mono');
  args.push('--border', '0', '--disable-rrdtool-tag');
  for (const [name, color] of Object.entries(theme.colors)) args.push('--color', `${name}${color}`);

  const width = Math.max(...definition.lines.map((line) => line.label.length), 4);
  definition.lines.forEach((line, index) => {
    const color = theme.palette[index % theme.palette.length] ?? '#888888';
    const value = line.scale === undefined ? `v${index}` : `s${index}`;
    args.push(`DEF:v${index}=${escapeDefPath(line.file ?? request.file)}:${line.ds}:AVERAGE`);
    if (line.scale !== undefined) args.push(`CDEF:s${index}=v${index},${line.scale},*`);

    const label = escapeGraphText(line.label.padEnd(width));
    args.push(
      definition.stacked === true
        ? `AREA:${value}${color}:${label}${index > 0 ? ':STACK' : ''}`
        : `LINE1.5:${value}${color}:${label}`,
    );
    args.push(...legendValues(value, request.width));
  });

  return args;
}

/** Below this plot width the legend keeps only the newest and the highest value, so it fits. */
export const COMPACT_LEGEND_WIDTH_PX = 400;

function legendValues(value: string, width: number): string[] {
  if (width < COMPACT_LEGEND_WIDTH_PX) {
    return [`GPRINT:${value}:LAST:now %5.1lf%s`, `GPRINT:${value}:MAX:max %5.1lf%s\\l`];
  }

  return [
    `GPRINT:${value}:LAST:now %7.2lf%s`,
    `GPRINT:${value}:AVERAGE:avg %7.2lf%s`,
    `GPRINT:${value}:MAX:max %7.2lf%s\\l`,
  ];
}

/**
 * Keeps a label to characters rrdtool treats as plain text: `:` would end the argument, `\`
 * starts a formatting escape and `%` a printf conversion.
 */
export function escapeGraphText(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.,@+=~()/'-]/g, '_');
}

/** A title is its own argument, so only line breaks and other control characters must go. */
function withoutControlCharacters(text: string): string {
  return [...text].map((character) => (character < ' ' ? ' ' : character)).join('');
}
