import assert from 'node:assert/strict';
import { test } from 'node:test';

import { replacePerformanceSection } from '../../../scripts/bench/readme-section.js';

test('replaces the Performance section up to the next heading and keeps the rest', () => {
  const readme = '# rtmon\n\nIntro.\n\n## Performance\n\nold table\n\n## Licence\n\nMIT\n';

  assert.equal(
    replacePerformanceSection(readme, 'new table\n'),
    '# rtmon\n\nIntro.\n\n## Performance\n\nnew table\n\n## Licence\n\nMIT\n',
  );
});

test('replaces a Performance section that ends the file', () => {
  const readme = '# rtmon\n\n## Performance\n\nold\n';

  assert.equal(replacePerformanceSection(readme, 'new'), '# rtmon\n\n## Performance\n\nnew\n');
});

test('adds the section at the end when the README has none', () => {
  assert.equal(
    replacePerformanceSection('# rtmon\n\nIntro.\n', 'table'),
    '# rtmon\n\nIntro.\n\n## Performance\n\ntable\n',
  );
});

test('leaves deeper headings inside the section to be replaced with it', () => {
  const readme = '## Performance\n\n### Scaling\n\nold\n\n## Next\n';

  assert.equal(replacePerformanceSection(readme, 'new'), '## Performance\n\nnew\n\n## Next\n');
});
