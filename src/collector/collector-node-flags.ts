/**
 * V8 options the collector runs with, placed between `node` and `cli.js` on collectd's Exec
 * line. Each poll of a large rTorrent makes megabytes of short-lived objects, while what the
 * collector keeps between polls stays near 10 MB at 10,000 items; V8's default young
 * generation (16 MB semi-spaces) and its growth heuristics took the resident set past 130 MB
 * there. A 1 MB semi-space and V8's size-first heuristics kept it under 80 MB (Node.js 20),
 * for a few more, shorter scavenges.
 */
export const COLLECTOR_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=1',
  '--optimize-for-size',
];
