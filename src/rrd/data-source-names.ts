import { stat } from 'node:fs/promises';

import { readRrdInfo } from './rrd-info.js';
import type { RrdtoolRunner } from './rrdtool-runner.js';

/**
 * The data-source names of RRD files, each read once with `rrdtool info`. A cold graph would
 * otherwise run rrdtool twice (info, then graphv), making it about 1.7 times as slow as
 * `rrdtool graph` run by hand. A file's size changes only when its layout does (`rrdtool tune`
 * adding a source, or a new file), so the size tells when to read again.
 */
export class DataSourceNames {
  readonly #runner: RrdtoolRunner;
  readonly #byFile = new Map<string, { size: number; names: Promise<string[]> }>();

  constructor(runner: RrdtoolRunner) {
    this.#runner = runner;
  }

  async get(file: string): Promise<string[]> {
    const { size } = await stat(file);
    const cached = this.#byFile.get(file);
    if (cached !== undefined && cached.size === size) return cached.names;

    const names = readRrdInfo(this.#runner, file).then((info) =>
      info.dataSources.map((source) => source.name),
    );
    this.#byFile.set(file, { size, names });
    // A failed read is not kept: the next graph tries again.
    names.catch(() => this.#byFile.delete(file));

    return names;
  }
}
