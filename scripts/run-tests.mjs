#!/usr/bin/env node
// Runs every compiled `*.test.js` under build/test with Node's test runner, or only the test
// files named on the command line. Node 20 takes no glob patterns, and given a folder it would
// also run the support modules as tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const TEST_ROOT = 'build/test';
const named = process.argv.slice(2).filter((arg) => arg.endsWith('.test.js'));
const options = process.argv.slice(2).filter((arg) => !arg.endsWith('.test.js'));
const files =
  named.length > 0
    ? named
    : readdirSync(TEST_ROOT, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.test.js'))
        .map((name) => join(TEST_ROOT, name))
        .sort();

const args = ['--test', '--test-concurrency=2', '--test-timeout=300000', ...options];
const result = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
