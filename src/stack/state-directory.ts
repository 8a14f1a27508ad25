import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where `rtmon start` keeps its config, RRD files and logs: `$RTMON_STATE_DIR`, else XDG's. */
export function resolveStateDirectory(env: NodeJS.ProcessEnv = process.env, home = homedir()) {
  if (env.RTMON_STATE_DIR) return env.RTMON_STATE_DIR;

  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'rtmon');
}
