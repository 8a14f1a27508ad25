import type { MethodCall } from '../rtorrent/rtorrent-client.js';

/** The rTorrent-wide readings one poll asks for, by the name the poller uses for each. */
export const GLOBAL_COMMANDS: Record<string, string> = {
  pid: 'system.pid',
  hostname: 'system.hostname',
  time: 'system.time',
  startupTime: 'system.startup_time',
  upRate: 'throttle.global_up.rate',
  downRate: 'throttle.global_down.rate',
  upTotal: 'throttle.global_up.total',
  downTotal: 'throttle.global_down.total',
  openSockets: 'network.open_sockets',
  openHttp: 'network.http.current_open',
  openFiles: 'network.open_files',
  filesOpened: 'system.files.opened_counter',
  filesClosed: 'system.files.closed_counter',
  pieceMemory: 'pieces.memory.current',
};

/**
 * The calls for the readings this rTorrent has. Commands come and go between releases
 * (0.9.8 lacks `network.open_files` and `system.startup_time`), so asking for a missing one
 * would only fill the reply with faults.
 */
export function buildGlobalCalls(methods: ReadonlySet<string>): [string, MethodCall][] {
  return Object.entries(GLOBAL_COMMANDS)
    .filter(([, method]) => methods.has(method))
    .map(([name, method]) => [name, { method, params: [''] }]);
}
