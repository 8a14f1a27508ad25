/** Escapes a file path for a `DEF:` argument, where a bare `:` would end the path. */
export function escapeDefPath(path: string): string {
  return path.replace(/([\\:])/g, '\\$1');
}
