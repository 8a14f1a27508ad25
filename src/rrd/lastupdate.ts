import { RrdtoolError } from './rrdtool-error.js';
import type { RrdtoolRunner } from './rrdtool-runner.js';

/** What `rrdtool lastupdate` reports: when the file was last written and each source's value. */
export interface LastUpdate {
  /** Seconds since the epoch. */
  time: number;
  /** By data source name; null where rrdtool says `U` (unknown). */
  values: Record<string, number | null>;
}

/**
 * Reads the last update of many files with one rrdtool process, in its pipe mode (`rrdtool -`).
 * A file rrdtool cannot read maps to an RrdtoolError instead of failing the others.
 */
export async function readLastUpdates(
  runner: RrdtoolRunner,
  files: string[],
): Promise<Map<string, LastUpdate | RrdtoolError>> {
  const results = new Map<string, LastUpdate | RrdtoolError>();
  if (files.length === 0) return results;

  const daemon = runner.daemonArgs().join(' ');
  const commands = files.map((file) => `lastupdate ${daemon} ${quotePipeArgument(file)}`);
  const output = await runner.runText(['-'], commands.join('\n') + '\n');
  const answers = splitPipeAnswers(output);

  files.forEach((file, index) => {
    const answer = answers[index];
    const command = `rrdtool ${commands[index] ?? ''}`;
    if (answer === undefined) {
      results.set(file, new RrdtoolError(command, 'rrdtool gave no answer'));
    } else if (answer.error !== undefined) {
      results.set(file, new RrdtoolError(command, answer.error));
    } else {
      results.set(file, parseLastUpdate(answer.output));
    }
  });

  return results;
}

/** Parses `rrdtool lastupdate` output: a line of source names, a blank line, `TIME: V V`. */
export function parseLastUpdate(output: string): LastUpdate {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const names = (lines[0] ?? '').trim().split(/\s+/);
  const [time = '', ...values] = (lines[1] ?? '').trim().split(/:?\s+/);
  const parsed: Record<string, number | null> = {};
  names.forEach((name, index) => {
    parsed[name] = parseRrdNumber(values[index]);
  });

  return { time: Number.parseInt(time, 10), values: parsed };
}

/** A number as rrdtool prints it; `U`, `NaN`, `nan` and anything unreadable are unknown. */
export function parseRrdNumber(text: string | undefined): number | null {
  if (text === undefined || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;

  return Number(text);
}

interface PipeAnswer {
  output: string;
  error?: string;
}

/** Splits pipe-mode output into one answer per command, each ended by `OK …` or `ERROR: …`. */
function splitPipeAnswers(output: string): PipeAnswer[] {
  const answers: PipeAnswer[] = [];
  let lines: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('OK u:')) {
      answers.push({ output: lines.join('\n') });
      lines = [];
    } else if (line.startsWith('ERROR:')) {
      answers.push({ output: lines.join('\n'), error: line.slice('ERROR:'.length).trim() });
      lines = [];
    } else {
      lines.push(line);
    }
  }

  return answers;
}

/** Pipe mode splits its input on white space; names that hold none need no quoting. */
function quotePipeArgument(argument: string): string {
  return /[\s"'\\]/.test(argument) ? `"${argument.replace(/(["\\])/g, '\\$1')}"` : argument;
}
