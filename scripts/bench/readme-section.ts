const SECTION_HEADING = '## Performance';

/**
 * Puts `body` under the README's "Performance" heading in place of what was there, up to the
 * next heading of the same level; adds the section at the end when there is none.
 */
export function replacePerformanceSection(readme: string, body: string): string {
  const section = `${SECTION_HEADING}\n\n${body.trim()}\n`;
  const start = findHeading(readme);
  if (start === -1) return `${readme.trimEnd()}\n\n${section}`;

  const afterHeading = start + SECTION_HEADING.length;
  const next = readme.slice(afterHeading).search(/^## /m);
  const end = next === -1 ? readme.length : afterHeading + next;
  const rest = readme.slice(end);

  return readme.slice(0, start) + section + (rest === '' ? '' : `\n${rest}`);
}

function findHeading(readme: string): number {
  const match = /^## Performance[ \t]*$/m.exec(readme);

  return match === null ? -1 : match.index;
}
