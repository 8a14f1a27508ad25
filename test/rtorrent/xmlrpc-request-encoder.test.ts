import assert from 'node:assert/strict';
import { test } from 'node:test';

import { encodeMethodCall, XmlRpcEncodeError } from '../../src/rtorrent/xmlrpc-request-encoder.js';

function paramsOf(params: Parameters<typeof encodeMethodCall>[1]): string {
  const xml = encodeMethodCall('m', params).toString('utf8');
  const start = xml.indexOf('<params>') + '<params>'.length;

  return xml.slice(start, xml.indexOf('</params>'));
}

test('writes the method name and each parameter as its XML-RPC type', () => {
  const xml = encodeMethodCall('d.multicall2', ['', 'main', 'd.hash=']).toString('utf8');

  assert.equal(
    xml,
    '<?xml version="1.0"?><methodCall><methodName>d.multicall2</methodName><params>' +
      '<param><value><string></string></value></param>' +
      '<param><value><string>main</string></value></param>' +
      '<param><value><string>d.hash=</string></value></param>' +
      '</params></methodCall>',
  );
});

const CASES: {
  title: string;
  param: Parameters<typeof encodeMethodCall>[1][number];
  xml: string;
}[] = [
  { title: 'a 32-bit integer as i4', param: -7, xml: '<i4>-7</i4>' },
  { title: 'a larger integer as i8', param: 6_000_000_000, xml: '<i8>6000000000</i8>' },
  { title: 'a bigint as i8, exactly', param: 2n ** 63n - 1n, xml: '<i8>9223372036854775807</i8>' },
  { title: 'a fraction as double', param: 1.5, xml: '<double>1.5</double>' },
  { title: 'a boolean as 1 or 0', param: false, xml: '<boolean>0</boolean>' },
  {
    title: 'a Buffer as base64',
    param: Buffer.from('d4:infoe'),
    xml: '<base64>ZDQ6aW5mb2U=</base64>',
  },
  {
    title: 'markup characters in a string, escaped',
    param: 'a<b>&c ☺',
    xml: '<string>a&lt;b&gt;&amp;c ☺</string>',
  },
  {
    title: 'a list and a struct, nested',
    param: [{ methodName: 'system.pid', params: [] }],
    xml:
      '<array><data><value><struct><member><name>methodName</name><value><string>system.pid</string></value></member>' +
      '<member><name>params</name><value><array><data></data></array></value></member></struct></value></data></array>',
  },
];

for (const { title, param, xml } of CASES) {
  test(`writes ${title}`, () => {
    assert.equal(paramsOf([param]), `<param><value>${xml}</value></param>`);
  });
}

const REFUSED: {
  title: string;
  param: Parameters<typeof encodeMethodCall>[1][number];
  message: RegExp;
}[] = [
  { title: 'a NUL character', param: 'a\u0000b', message: /U\+0000/ },
  { title: 'a lone surrogate', param: 'a\ud800', message: /U\+D800/ },
  { title: 'an infinite number', param: Infinity, message: /not an XML-RPC number/ },
  { title: 'an integer beyond 2^53', param: 2 ** 60, message: /pass a bigint/ },
];

for (const { title, param, message } of REFUSED) {
  test(`refuses ${title} with a clear error`, () => {
    assert.throws(
      () => encodeMethodCall('m', [param]),
      (error: unknown) => {
        assert.ok(error instanceof XmlRpcEncodeError);
        assert.match(error.message, message);

        return true;
      },
    );
  });
}
