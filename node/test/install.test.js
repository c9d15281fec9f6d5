'use strict'
// The install step (scripts/check-library.js, run by npm before node-gyp) must say plainly what
// is missing and fail: no pkg-config, or no libnodeseccomp for it to find.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const { PACKAGE_ROOT } = require('./support/child.js')

const script = path.join(PACKAGE_ROOT, 'scripts', 'check-library.js')
const advice = 'node-seccomp needs libnodeseccomp: apt install libnodeseccomp-dev pkg-config,\n' +
  'or build it from this repository (./autogen.sh && ./configure && make && make install),\n' +
  'or point PKG_CONFIG_PATH at a build directory of it (which holds nodeseccomp-uninstalled.pc).\n'

function check (env) {
  return spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, ...env } })
}

test('the library is found: the check passes silently', () => {
  const result = check({})
  assert.deepEqual({ status: result.status, stdout: result.stdout, stderr: result.stderr },
    { status: 0, stdout: '', stderr: '' })
})

test('no pkg-config on PATH: a clear message, then failure', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'node-seccomp-path-'))
  try {
    const result = check({ PATH: empty })
    assert.equal(result.status, 1)
    assert.equal(result.stderr, `node-seccomp: pkg-config was not found on PATH.\n${advice}`)
  } finally {
    fs.rmSync(empty, { recursive: true, force: true })
  }
})

test('pkg-config cannot find nodeseccomp: a clear message, then failure', () => {
  const nowhere = path.join(os.tmpdir(), 'node-seccomp-no-such-dir')
  const result = check({ PKG_CONFIG_PATH: nowhere, PKG_CONFIG_LIBDIR: nowhere })
  assert.equal(result.status, 1)
  assert.match(result.stderr, /^node-seccomp: pkg-config did not find nodeseccomp >= 0\.1\.0:\n {2}Package nodeseccomp was not found/)
  assert.ok(result.stderr.endsWith(advice), result.stderr)
})
