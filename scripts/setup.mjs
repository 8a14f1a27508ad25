#!/usr/bin/env node
// Set-up that `npm start`, `npm test` and `npm run bench` run first, so that a fresh Debian
// machine with Node.js needs nothing else: npm packages, Debian packages, then the build.
// It uses only Node's own modules, because it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// What each entry point needs from Debian. collectd-core ships the daemon and its plugins
// without starting anything; rrdtool brings librrd, which collectd's rrdtool plugin loads.
const DEBIAN_PACKAGES = {
  start: ['collectd-core', 'rrdtool', 'rtorrent', 'opentracker', 'mktorrent'],
  test: [
    'collectd-core',
    'rrdtool',
    'rrdcached',
    'rtorrent',
    'opentracker',
    'mktorrent',
    'chromium',
    'fonts-dejavu-core',
  ],
  bench: ['collectd-core', 'rrdtool', 'rtorrent', 'mktorrent', 'chromium', 'python3'],
};

const purpose = readPurpose(process.argv.slice(2));
installNpmPackages();
installDebianPackages(DEBIAN_PACKAGES[purpose]);
build();

function readPurpose(args) {
  const index = args.indexOf('--for');
  const purpose = index === -1 ? 'start' : args[index + 1];
  if (!(purpose in DEBIAN_PACKAGES)) {
    console.error(`setup: --for takes one of ${Object.keys(DEBIAN_PACKAGES).join(', ')}`);
    process.exit(2);
  }

  return purpose;
}

function installNpmPackages() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;

  console.error('setup: installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function installDebianPackages(wanted) {
  const missing = wanted.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;

  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`setup: these Debian packages are missing: ${missing.join(', ')}`);
    console.error(`setup: install them as root, then run this again:\n  sudo ${command}`);
    process.exit(1);
  }

  console.error(`setup: installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', command.split(' ').slice(1), env);
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });

  return result.status === 0 && result.stdout.includes('install ok installed');
}

function build() {
  run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json')]);
}

function run(command, args, env = process.env) {
  try {
    execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
  } catch (error) {
    console.error(`setup: '${command} ${args.join(' ')}' failed: ${error.message}`);
    process.exit(1);
  }
}
