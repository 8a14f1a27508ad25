// Instance names never hold this character (see toInstanceName), so the first one in a tracker
// folder's plugin instance always ends the rTorrent instance.
const SEPARATOR = '_';

/**
 * The plugin instance of a tracker's folder, `rtorrent_tracker-[<instance>_]<domain>`: collectd
 * has one instance field, and both the rTorrent instance and the domain must fit in it.
 */
export function formatTrackerPluginInstance(instance: string, domain: string): string {
  return instance === '' ? domain : `${instance}${SEPARATOR}${domain}`;
}

/**
 * The tracker domain a folder holds for one rTorrent instance, or undefined when the folder
 * belongs to another. `instances` are the host's named rTorrent instances, which tell a prefix
 * from a domain when the unnamed instance is asked for.
 */
export function readTrackerDomain(
  pluginInstance: string,
  instance: string,
  instances: ReadonlySet<string>,
): string | undefined {
  const cut = pluginInstance.indexOf(SEPARATOR);
  const prefix = cut === -1 ? '' : pluginInstance.slice(0, cut);
  if (instance !== '') return prefix === instance ? pluginInstance.slice(cut + 1) : undefined;

  return instances.has(prefix) ? undefined : pluginInstance;
}
