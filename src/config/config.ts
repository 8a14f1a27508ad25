/** Every setting of rtmon's ini file, typed, with home-relative paths already expanded. */
export interface RtmonConfig {
  rtorrent: {
    /** `scgi:///path`, `scgi://host:port` or `http(s)://host/RPC2`. */
    url: string;
    /** The file that names `url`; undefined when it names none and `url` is the default. */
    urlFile: string | undefined;
    /** Names the collectd plugin instance (`rtorrent-<instance>`); empty for plain `rtorrent`. */
    instance: string;
  };
  collectd: {
    rrdDir: string;
    /** rrdcached's address (`unix:/path` or `host:port`); empty when collectd writes directly. */
    rrdcached: string;
  };
  httpd: {
    host: string;
    port: number;
    /** Paths whose mount points' disk usage the live page shows. */
    diskUsagePaths: string[];
    /** Basic-auth users (`[httpd.users]` section): name to `scrypt$…` hash from `rtmon hash-password`. */
    users: Record<string, string>;
    /** Listening beyond loopback with no users is refused unless this is set (`allow_remote_without_auth`). */
    allowRemoteWithoutAuth: boolean;
    /** More names a viewer on loopback answers to, such as the one a reverse proxy passes on (`allowed_hosts`). */
    allowedHosts: string[];
  };
}

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 8042;
export const DEFAULT_RRD_DIR = '/var/lib/collectd/rrd';
export const DEFAULT_RTORRENT_URL = 'scgi://~/rtorrent/.scgi_local';
