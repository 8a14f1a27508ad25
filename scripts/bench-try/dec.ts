import { readFileSync } from 'node:fs';
import { decodeXmlRpcReply } from '../../src/rtorrent/xmlrpc-reply-decoder.js';
import { decodeWithXmlrpcPackage } from '../bench/xmlrpc-package-decode.js';
import { timePythonDecode } from '../bench/python-decode.js';
import { median } from '../bench/statistics.js';

const reply = readFileSync(process.argv[2] ?? '/tmp/reply.xml');
const ours: number[] = [];
for (let i = 0; i < 15; i++) { const t = performance.now(); decodeXmlRpcReply(reply); ours.push(performance.now() - t); }
console.log('ours', ours.map(Math.round), median(ours.slice(3)));
const pkg: number[] = [];
for (let i = 0; i < 3; i++) { const t = performance.now(); await decodeWithXmlrpcPackage(reply); pkg.push(performance.now() - t); }
console.log('xmlrpc', pkg.map(Math.round));
console.log('python', (await timePythonDecode(reply, '/tmp/reply-py.xml', 3)).map(Math.round));
