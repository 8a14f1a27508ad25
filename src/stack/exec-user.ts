import { userInfo } from 'node:os';

/**
 * The `user[:group]` for collectd's Exec lines. collectd 5.12 refuses to exec anything as root,
 * so root hands the collectors to `nobody`; anyone else runs them as themselves.
 */
export function chooseExecUser(uid = process.getuid?.() ?? 0): string {
  if (uid === 0) return 'nobody:nogroup';

  return userInfo().username;
}
