import assert from 'node:assert/strict';
import { test } from 'node:test';

import { toIdentifierPart } from '../../src/collector/identifier.js';
import { trackerDomain } from '../../src/collector/tracker-domain.js';

const IDENTIFIER_CASES: [string, string][] = [
  ['seeding', 'seeding'],
  ['My View', 'my_view'],
  ['../../etc/passwd', '__.._etc_passwd'],
  ['tracker.example.org', 'tracker.example.org'],
  ['ünïcode/☺', '_n_code__'],
  ['-leading-dash', '_leading-dash'],
  ['', '_'],
  ['x'.repeat(100), 'x'.repeat(64)],
];

for (const [name, expected] of IDENTIFIER_CASES) {
  test(`turns '${name.slice(0, 20)}' into the identifier part '${expected.slice(0, 20)}'`, () => {
    assert.equal(toIdentifierPart(name), expected);
    assert.equal(toIdentifierPart(name), toIdentifierPart(name));
    assert.doesNotMatch(toIdentifierPart(name), /[/\s]/);
  });
}

const DOMAIN_CASES: [string, string][] = [
  ['http://tracker.example.org:6969/announce', 'example.org'],
  ['udp://announce.example.net:80', 'example.net'],
  ['https://www.example.com/a?passkey=secret', 'example.com'],
  ['http://tracker.localhost/announce', 'tracker.localhost'],
  ['http://127.0.0.3:6969/announce', '127.0.0.3'],
  ['not a url', 'unknown'],
];

for (const [url, expected] of DOMAIN_CASES) {
  test(`files the tracker ${url} under ${expected}`, () => {
    assert.equal(trackerDomain(url), expected);
  });
}
