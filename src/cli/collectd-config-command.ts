import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { toAbsoluteRtorrentUrl } from '../stack/absolute-url.js';
import { formatExecLine } from '../stack/collectd-config.js';
import { chooseExecUser } from '../stack/exec-user.js';
import type { Command } from './command.js';
import { parseFlags } from './parse-flags.js';
import { resolveRtorrentTarget } from './rtorrent-target.js';

export const collectdConfigCommand: Command = {
  usage: 'rtmon collectd-config [--url URL] [--instance NAME] [--config FILE] [--user USER:GROUP]',
  async run(args) {
    const flags = parseFlags(args, {
      url: { type: 'string' },
      instance: { type: 'string' },
      user: { type: 'string' },
      config: { type: 'string' },
    });
    const { url, instance } = await resolveRtorrentTarget(flags);
    const execLine = formatExecLine(
      {
        execUser: flags.user ?? chooseExecUser(),
        nodePath: realpathSync(process.execPath),
        cliPath: realpathSync(fileURLToPath(new URL('../cli.js', import.meta.url))),
      },
      { url: toAbsoluteRtorrentUrl(url), instance },
    );

    console.log(
      [
        '# rtmon: rTorrent sensors through collectd’s exec plugin. Run the collector as the user',
        '# that runs rTorrent (collectd refuses root), so that it can reach the socket.',
        'LoadPlugin exec',
        '<Plugin exec>',
        execLine,
        '</Plugin>',
        '',
        '# rTorrent’s process as collectd’s processes plugin sees it (0.9.8 names its thread',
        '# "rtorrent main", so match the command line).',
        'LoadPlugin processes',
        '<Plugin processes>',
        '  ProcessMatch "rtorrent" "^([^ ]*/)?rtorrent( |$)"',
        '</Plugin>',
      ].join('\n'),
    );

    return 0;
  },
};
