'use strict'
// Filters are irreversible: no test loads one in the test runner. Each case writes a script and
// runs it in a child `node`, started as `sh -c 'ulimit -c 0; exec "$@"' sh node script.js` so
// that a death by SIGSYS leaves no core dump, and the test asserts exactly how the child ended.

const assert = require('node:assert/strict')
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..') // the package, with its built addon
const TIMEOUT_MS = 60000

let scratch = null

// A scratch project whose node_modules/node-seccomp is this package, so children load it by
// name (`require('node-seccomp')`, `import seccomp from 'node-seccomp'`) as a user would.
function scratchDir () {
  if (scratch === null) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'node-seccomp-test-'))
    fs.mkdirSync(path.join(scratch, 'node_modules'))
    fs.symlinkSync(PACKAGE_ROOT, path.join(scratch, 'node_modules', 'node-seccomp'), 'dir')
    process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }))
  }
  return scratch
}

let scripts = 0

function writeScript (source, extension) {
  const file = path.join(scratchDir(), `child-${++scripts}${extension}`)
  fs.writeFileSync(file, source)
  return file
}

function childEnvironment (extra) {
  const env = { ...process.env, ...extra }
  delete env.NODE_TEST_CONTEXT // the child is a plain program, not part of this test run
  delete env.NODE_OPTIONS
  return env
}

/**
 * Run `source` (CommonJS, or ESM with extension '.mjs') in a child node; resolves to
 * { status, signal, stdout, stderr }. stdin is /dev/null, stdout and stderr are pipes.
 */
function runScript (source, { extension = '.js', args = [], env = {} } = {}) {
  return runFile(writeScript(source, extension), { args, env })
}

/**
 * Run an existing file in a child node; `require('node-seccomp')` finds this package through
 * the scratch project (scripts written there) or NODE_PATH (programs kept elsewhere, such as
 * tests/workloads). Resolves to { status, signal, stdout, stderr }.
 */
function runFile (file, { args = [], env = {} } = {}) {
  const argv = ['-c', 'ulimit -c 0; exec "$@"', 'sh', process.execPath, file, ...args]
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', argv, {
      cwd: scratchDir(),
      env: childEnvironment({ NODE_PATH: path.join(scratchDir(), 'node_modules'), ...env }),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ status, signal, stdout, stderr })
    })
  })
}

function describeEnd (result) {
  return `child ended with status ${result.status}, signal ${result.signal}\n` +
    `stdout: ${JSON.stringify(result.stdout)}\nstderr: ${result.stderr}`
}

/** The child exited 0 and printed exactly `stdout`. */
function assertExited (result, stdout) {
  assert.deepEqual({ status: result.status, signal: result.signal, stdout: result.stdout },
    { status: 0, signal: null, stdout }, describeEnd(result))
}

/** The kernel killed the child with SIGSYS, after it printed exactly `stdout`. */
function assertKilledBySigsys (result, stdout) {
  assert.deepEqual({ status: result.status, signal: result.signal, stdout: result.stdout },
    { status: null, signal: 'SIGSYS', stdout }, describeEnd(result))
}

let report = null

/** What libnodeseccomp itself reports (version, groups), from a small C program built with
 * the same pkg-config flags as the addon. */
function libraryReport () {
  if (report !== null) return report
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', 'nodeseccomp'], { encoding: 'utf8' })
  assert.equal(flags.status, 0, `pkg-config: ${flags.stderr}`)
  const binary = path.join(scratchDir(), 'dump-groups')
  const cc = process.env.CC || 'cc'
  const source = path.join(__dirname, 'dump-groups.c')
  const build = spawnSync('/bin/sh', ['-c', `${cc} -std=c11 -Wall -Wextra -Werror -o "$1" "$2" ${flags.stdout}`,
    'sh', binary, source], { encoding: 'utf8' })
  assert.equal(build.status, 0, `building dump-groups.c: ${build.stderr}`)
  const run = spawnSync(binary, [], { encoding: 'utf8' })
  assert.equal(run.status, 0, `dump-groups: ${run.stderr}`)
  report = JSON.parse(run.stdout)
  return report
}

module.exports = {
  PACKAGE_ROOT,
  runScript,
  runFile,
  describeEnd,
  assertExited,
  assertKilledBySigsys,
  libraryReport
}
