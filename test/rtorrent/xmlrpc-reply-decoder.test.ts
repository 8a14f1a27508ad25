import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeXmlRpcReply, XmlRpcReplyDecoder } from '../../src/rtorrent/xmlrpc-reply-decoder.js';
import type { XmlRpcReply } from '../../src/rtorrent/xmlrpc-value.js';

function reply(value: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<methodResponse>\r\n<params>\r\n<param><value>${value}</value></param>\r\n</params>\r\n</methodResponse>\r\n`;
}

function decode(text: string): XmlRpcReply {
  return decodeXmlRpcReply(Buffer.from(text, 'utf8'));
}

/** A reply up to where its value's XML starts, then `xml`. */
function head(xml: string): string {
  return reply('@').split('@')[0] + xml;
}

/** `xml`, then the rest of a reply after its value's XML. */
function tail(xml: string): string {
  return xml + reply('@').split('@')[1];
}

/** Each character of `text` as one byte, as a latin-1 file name or tracker message holds it. */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

const VALUE_CASES: { title: string; xml: string; expected: unknown }[] = [
  { title: 'an i4', xml: '<i4>-42</i4>', expected: -42 },
  { title: 'an int', xml: '<int>7</int>', expected: 7 },
  { title: 'an i8 beyond 2^31', xml: '<i8>4294967296</i8>', expected: 4294967296 },
  {
    title: 'an i8 beyond 2^53, as an exact bigint',
    xml: '<i8>9007199254740993</i8>',
    expected: 9007199254740993n,
  },
  { title: 'a boolean', xml: '<boolean>1</boolean>', expected: true },
  { title: 'a double', xml: '<double>-1.5e3</double>', expected: -1500 },
  { title: 'a string keeping its spaces', xml: '<string> a b </string>', expected: ' a b ' },
  { title: 'an empty <string/>', xml: '<string/>', expected: '' },
  { title: 'an empty <string></string>', xml: '<string></string>', expected: '' },
  { title: 'an untyped value, as a string', xml: 'plain text', expected: 'plain text' },
  { title: 'a nil', xml: '<nil/>', expected: null },
  {
    title: 'a string with entities',
    xml: '<string>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233; &#x263A;</string>',
    expected: '<a> & "b" \'c\' é ☺',
  },
  {
    title: 'a string with a CDATA section',
    xml: '<string>a<![CDATA[<b>&amp;]]>c</string>',
    expected: 'a<b>&amp;c',
  },
  { title: 'a base64', xml: '<base64>aGVsbG8=</base64>', expected: Buffer.from('hello') },
  {
    title: 'a dateTime',
    xml: '<dateTime.iso8601>20261203T10:00:00</dateTime.iso8601>',
    expected: '20261203T10:00:00',
  },
  {
    title: 'nested arrays and structs',
    xml:
      '<array><data><value><struct><member><name>a</name><value><i4>1</i4></value></member>' +
      '<member><name>b</name><value><array><data/></array></value></member></struct></value>' +
      '<value><array><data><value><string>x</string></value></data></array></value></data></array>',
    expected: [{ a: 1, b: [] }, ['x']],
  },
];

for (const { title, xml, expected } of VALUE_CASES) {
  test(`decodes ${title}`, () => {
    assert.deepEqual(decode(reply(xml)), { value: expected });
  });
}

test('decodes a fault into its code and message', () => {
  const xml =
    '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
    '<member><name>faultCode</name><value><i4>-506</i4></value></member>' +
    "<member><name>faultString</name><value><string>Method 'x' not defined</string></value></member>" +
    '</struct></value></fault></methodResponse>';

  assert.deepEqual(decode(xml), {
    fault: { faultCode: -506, faultString: "Method 'x' not defined" },
  });
});

test('keeps the fault structs that system.multicall puts among its results', () => {
  const xml = reply(
    '<array><data><value><array><data><value><i8>5</i8></value></data></array></value>' +
      '<value><struct><member><name>faultCode</name><value><i4>-506</i4></value></member>' +
      '<member><name>faultString</name><value><string>nope</string></value></member></struct></value>' +
      '</data></array>',
  );

  assert.deepEqual(decode(xml), { value: [[5], { faultCode: -506, faultString: 'nope' }] });
});

test('gives the same value when the reply is split at every byte boundary', () => {
  const bytes = Buffer.from(
    reply(
      '<array><data><value><string>naïve ☺ &amp; 𝄞</string></value><value><i8>12884901888</i8></value>' +
        '<value>untyped</value><value><string/></value><value><array><data><value><i4>3</i4></value></data></array></value></data></array>',
    ),
  );
  const whole = decodeXmlRpcReply(bytes);
  assert.deepEqual(whole, { value: ['naïve ☺ & 𝄞', 12884901888, 'untyped', '', [3]] });

  for (let cut = 0; cut <= bytes.length; cut++) {
    const decoder = new XmlRpcReplyDecoder();
    decoder.write(bytes.subarray(0, cut));
    decoder.write(bytes.subarray(cut));
    assert.deepEqual(decoder.end(), whole, `split at byte ${cut}`);
  }
});

test('gives the same value when the reply arrives one byte at a time', () => {
  const bytes = Buffer.from(
    reply('<struct><member><name>k</name><value><i4>1</i4></value></member></struct>'),
  );
  const decoder = new XmlRpcReplyDecoder();
  for (const byte of bytes) decoder.write(Uint8Array.of(byte));

  assert.deepEqual(decoder.end(), { value: { k: 1 } });
});

/** A reply whose value is `parts` joined: strings as UTF-8 XML, number arrays as raw bytes. */
function replyWithBytes(parts: (string | number[])[]): Buffer {
  const value = parts.map((part) =>
    typeof part === 'string' ? Buffer.from(part) : Uint8Array.from(part),
  );

  return Buffer.concat([Buffer.from(head('')), ...value, Buffer.from(tail(''))]);
}

// rTorrent keeps torrent names and tracker messages as the bytes it was given, often latin-1.
const INVALID_UTF8_CASES: { title: string; parts: (string | number[])[]; expected: unknown }[] = [
  {
    title: 'a latin-1 name in a string',
    parts: ['<string>caf', [0xe9], '.bin</string>'],
    expected: 'caf\ufffd.bin',
  },
  {
    title: 'a lone continuation byte in an untyped value',
    parts: ['x', [0x80], 'y'],
    expected: 'x\ufffdy',
  },
  {
    title: 'a sequence cut short by an ASCII character',
    parts: ['<string>', [0xe2, 0x82], '!</string>'],
    expected: '\ufffd!',
  },
  {
    title: 'an encoded surrogate',
    parts: ['<string>', [0xed, 0xa0, 0x80], '</string>'],
    expected: '\ufffd\ufffd\ufffd',
  },
  {
    title: 'an overlong slash',
    parts: ['<string>', [0xc0, 0xaf], '</string>'],
    expected: '\ufffd\ufffd',
  },
  {
    title: 'a bad byte between entities',
    parts: ['<string>&lt;', [0xff], '&amp;</string>'],
    expected: '<\ufffd&',
  },
  {
    title: 'a bad byte inside CDATA',
    parts: ['<string><![CDATA[<', [0xe9], '>]]></string>'],
    expected: '<\ufffd>',
  },
  {
    title: 'a bad byte in a struct member name',
    parts: [
      '<struct><member><name>k',
      [0xe9],
      '</name><value><i4>1</i4></value></member></struct>',
    ],
    expected: { 'k\ufffd': 1 },
  },
];

for (const { title, parts, expected } of INVALID_UTF8_CASES) {
  test(`decodes ${title} with U+FFFD in place of each bad sequence, and counts it`, () => {
    const decoder = new XmlRpcReplyDecoder();
    decoder.write(replyWithBytes(parts));

    assert.deepEqual(decoder.end(), { value: expected });
    assert.equal(decoder.textsWithInvalidUtf8, 1);
  });
}

// Bad sequences of each kind the WHATWG decoder treats differently.
const BAD_SEQUENCES = [
  [0xe9],
  [0x80, 0x80],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98, 0x41],
  [0xff, 0xfe],
];

test('puts U+FFFD where TextDecoder puts it', () => {
  for (const sequence of BAD_SEQUENCES) {
    const text = Uint8Array.from([0x61, ...sequence, 0x62]);
    const decoded = decodeXmlRpcReply(replyWithBytes(['<string>', [...text], '</string>']));

    assert.deepEqual(decoded, { value: new TextDecoder().decode(text) }, `bytes ${sequence}`);
  }
});

test('counts the texts that held bad bytes, not the bytes, and no valid text', () => {
  const decoder = new XmlRpcReplyDecoder();
  decoder.write(
    replyWithBytes([
      '<array><data><value><string>naïve</string></value><value><string>',
      [0xe9, 0x20, 0xff],
      '</string></value><value>',
      [0xfe],
      '</value><value><string>plain</string></value></data></array>',
    ]),
  );

  assert.deepEqual(decoder.end(), { value: ['naïve', '\ufffd \ufffd', '\ufffd', 'plain'] });
  assert.equal(decoder.textsWithInvalidUtf8, 2);
});

test('gives the same value and count when bad bytes are split across pieces anywhere', () => {
  const bytes = replyWithBytes([
    '<array><data><value><string>a',
    [0xe2, 0x82],
    '€',
    [0xe9],
    '</string></value><value><string>',
    [0xf0, 0x9f, 0x98],
    '😀</string></value><value><string>',
    [0xc3],
    '</string></value></data></array>',
  ]);
  const expected = { value: ['a\ufffd€\ufffd', '\ufffd😀', '\ufffd'] };
  assert.deepEqual(decodeXmlRpcReply(bytes), expected);

  for (let cut = 0; cut <= bytes.length; cut++) {
    const decoder = new XmlRpcReplyDecoder();
    decoder.write(bytes.subarray(0, cut));
    decoder.write(bytes.subarray(cut));
    assert.deepEqual(decoder.end(), expected, `split at byte ${cut}`);
    assert.equal(decoder.textsWithInvalidUtf8, 3, `split at byte ${cut}`);
  }

  const bytewise = new XmlRpcReplyDecoder();
  for (const byte of bytes) bytewise.write(Uint8Array.of(byte));
  assert.deepEqual(bytewise.end(), expected);
  assert.equal(bytewise.textsWithInvalidUtf8, 3);
});

const MALFORMED_CASES: { title: string; bytes: Buffer; message: RegExp }[] = [
  {
    title: 'plain text',
    bytes: Buffer.from('hello there'),
    message: /unexpected text 'hello there'/,
  },
  { title: 'an HTML page', bytes: Buffer.from('<html><body>502</body></html>'), message: /<html>/ },
  {
    title: 'a truncated reply',
    bytes: Buffer.from(reply('<i4>1</i4>').slice(0, 60)),
    message: /ends/,
  },
  {
    title: 'an integer holding letters',
    bytes: Buffer.from(reply('<i4>12a</i4>')),
    message: /an integer holds '12a'/,
  },
  {
    title: 'a boolean holding 2',
    bytes: Buffer.from(reply('<boolean>2</boolean>')),
    message: /boolean/,
  },
  { title: 'an empty double', bytes: Buffer.from(reply('<double></double>')), message: /double/ },
  {
    title: 'a byte that is not UTF-8 inside an element name',
    bytes: Buffer.concat([Buffer.from('<methodResponse><str'), latin1('\xe9'), Buffer.from('>')]),
    message: /unexpected element <str\u00e9>/,
  },
  {
    title: 'a byte that is not UTF-8 between elements',
    bytes: Buffer.concat([
      Buffer.from('<methodResponse>'),
      latin1('\xe9'),
      Buffer.from('<params>'),
    ]),
    message: /unexpected text '\u00e9'/,
  },
  {
    title: 'an integer holding a byte that is not UTF-8',
    bytes: Buffer.concat([Buffer.from(head('<i4>1')), latin1('\xe9'), Buffer.from(tail('</i4>'))]),
    message: /an integer holds '1\ufffd'/,
  },
  {
    title: 'a mismatched end tag',
    bytes: Buffer.from(reply('<i4>1</string>')),
    message: /does not match/,
  },
  {
    title: 'two values where one belongs',
    bytes: Buffer.from(reply('<i4>1</i4></value><value><i4>2</i4>')),
    message: /more than one value/,
  },
  {
    title: 'arrays nested past any real reply',
    bytes: Buffer.from(reply('<array><data><value>'.repeat(100))),
    message: /nest deeper/,
  },
  { title: 'nothing at all', bytes: Buffer.alloc(0), message: /before <\/methodResponse>/ },
];

for (const { title, bytes, message } of MALFORMED_CASES) {
  test(`rejects ${title} with a decode error`, () => {
    assert.throws(() => decodeXmlRpcReply(bytes), { name: 'XmlRpcDecodeError', message });
  });
}

test('rejects garbage at its first chunk, without waiting for the rest', () => {
  const decoder = new XmlRpcReplyDecoder();

  assert.throws(() => decoder.write(Buffer.alloc(1024, 0x41)), { code: 'ERR_XMLRPC_DECODE' });
});

// Linear decoding takes well under a second on an idle machine and a few on a crowded one; copying
// the text with every piece took 57 s.
const LINEAR_DECODE_LIMIT_MS = 15_000;

test('reads a 32 MB string sent in 64 KB pieces in linear time', () => {
  const decoder = new XmlRpcReplyDecoder();
  const [head = '', tail = ''] = reply('<string>@</string>').split('@');
  const piece = Buffer.alloc(64 * 1024, 0x78);
  const started = performance.now();

  decoder.write(Buffer.from(head));
  for (let written = 0; written < 32 * 1024 * 1024; written += piece.length) decoder.write(piece);
  decoder.write(Buffer.from(tail));
  const decoded = decoder.end();

  assert.ok('value' in decoded && typeof decoded.value === 'string');
  assert.equal(decoded.value.length, 32 * 1024 * 1024);
  assert.ok(
    performance.now() - started < LINEAR_DECODE_LIMIT_MS,
    `took ${performance.now() - started} ms`,
  );
});

test('finishes a reply whose last pieces hold no tag start', () => {
  const decoder = new XmlRpcReplyDecoder();
  const text = reply('<string>abc</string>');
  const cut = text.lastIndexOf('>');

  decoder.write(Buffer.from(text.slice(0, cut)));
  decoder.write(Buffer.from(text.slice(cut)));

  assert.deepEqual(decoder.end(), { value: 'abc' });
});

/** A multicall-like reply of `rows` rows, with long texts, entities and CDATA among them. */
function manyRows(rows: number): { bytes: Buffer; expected: unknown[] } {
  const expected: unknown[] = [];
  let xml = '<array><data>';
  for (let row = 0; row < rows; row++) {
    const text = row % 97 === 0 ? `long ${'é&<'.repeat(2000)} end` : `item ${row} ☺`;
    const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    const piece = row % 13 === 0 ? `<![CDATA[${text}]]>` : escaped;
    xml +=
      `<value><array><data><value><string>${piece}</string></value>` +
      `<value><i8>${row * 1_000_003}</i8></value><value><i4>-${row}</i4></value>` +
      `<value><string></string></value></data></array></value>\n`;
    expected.push([text, row * 1_000_003, -row, '']);
  }

  return { bytes: Buffer.from(reply(`${xml}</data></array>`)), expected };
}

test('gives the same value when a long reply arrives in pieces of many sizes', () => {
  const { bytes, expected } = manyRows(600);
  const sizes = [1, 7, 4095, 4096, 4097, 9000, 65_536, 100_000];
  for (const size of sizes) {
    const decoder = new XmlRpcReplyDecoder();
    for (let start = 0; start < bytes.length; start += size) {
      decoder.write(bytes.subarray(start, start + size));
    }
    assert.deepEqual(decoder.end(), { value: expected }, `pieces of ${size} bytes`);
  }
});

test('hands each element of a list to eachElement as it completes, keeping none', () => {
  const { bytes, expected } = manyRows(300);
  const seen: unknown[] = [];
  let seenBeforeEnd = 0;
  const decoder = new XmlRpcReplyDecoder({ eachElement: (element) => seen.push(element) });
  for (let start = 0; start < bytes.length; start += 4096) {
    decoder.write(bytes.subarray(start, start + 4096));
    if (start + 4096 < bytes.length) seenBeforeEnd = seen.length;
  }

  assert.deepEqual(decoder.end(), { value: [] });
  assert.deepEqual(seen, expected);
  assert.ok(seenBeforeEnd > 0 && seenBeforeEnd < expected.length, `${seenBeforeEnd} seen early`);
});

test('gives a reply that is not a list to eachElement callers as its value', () => {
  const decoder = new XmlRpcReplyDecoder({ eachElement: () => assert.fail('no list here') });
  decoder.write(Buffer.from(reply('<i8>5</i8>')));

  assert.deepEqual(decoder.end(), { value: 5 });
});
