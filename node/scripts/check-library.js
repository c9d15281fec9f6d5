'use strict'
// npm runs this before node-gyp compiles the addon. node-seccomp is a binding to the C library
// libnodeseccomp, which it finds through pkg-config; when either is missing, say so plainly and
// fail, rather than let node-gyp die later in a gyp stack trace.

const { spawnSync } = require('node:child_process')
const { version } = require('../package.json')

const wanted = `nodeseccomp >= ${version}`
const hint = [
  'node-seccomp needs libnodeseccomp: apt install libnodeseccomp-dev pkg-config,',
  'or build it from this repository (./autogen.sh && ./configure && make && make install),',
  'or point PKG_CONFIG_PATH at a build directory of it (which holds nodeseccomp-uninstalled.pc).'
].join('\n')

function fail (reason) {
  console.error(`node-seccomp: ${reason}\n${hint}`)
  process.exit(1)
}

if (process.platform !== 'linux') {
  fail(`seccomp exists only on Linux, not on ${process.platform}.`)
}

// --cflags and --libs, not just --exists: the .pc requires libseccomp privately, and the build
// needs the flags to resolve, which fails when libseccomp's development files are missing.
const result = spawnSync('pkg-config', ['--print-errors', '--cflags', '--libs', wanted], {
  encoding: 'utf8'
})
if (result.error) {
  fail(result.error.code === 'ENOENT'
    ? 'pkg-config was not found on PATH.'
    : `could not run pkg-config: ${result.error.message}`)
}
if (result.status !== 0) {
  const why = result.stderr.trim()
  fail(`pkg-config did not find ${wanted}${why ? `:\n  ${why.split('\n').join('\n  ')}` : '.'}`)
}
