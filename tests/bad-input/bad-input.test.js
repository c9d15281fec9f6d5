'use strict'
// The bad-input table of the JS API: each row is tried in its own child node, which reports
// what happened, whether it is still alive, and its Seccomp mode (0: no filter loaded). The
// table built from the answers must be README.md's "bad-input-js" section, exactly.
// Run by node/test/run.sh, which sets NODE_SECCOMP_PACKAGE to the built package.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { runScript, describeEnd } = require(path.join(process.env.NODE_SECCOMP_PACKAGE, 'test', 'support', 'child.js'))

// [input, setup, call]
const rows = [
  ['no arguments', '', 'seccomp()'],
  ['a number instead of an array', '', 'seccomp(42)'],
  ['a string instead of an array', '', "seccomp('write')"],
  ['a non-string element', '', 'seccomp([1])'],
  ['a sparse array', 'const a = []; a[2] = "write"', 'seccomp(a)'],
  ['a Proxy', '', "seccomp(new Proxy(['write'], {}))"],
  ['a getter that throws', "const a = ['write']; Object.defineProperty(a, 0, { get () { throw new Error('boom') } })", 'seccomp(a)'],
  ['a copy of a group ({...stdio})', '', 'seccomp({ ...seccomp.stdio })'],
  ['spreading a group ([...stdio])', '', 'seccomp([...seccomp.stdio])'],
  ['an empty name', '', "seccomp([''])"],
  ['a NUL byte inside a name', '', "seccomp(['wri\\u0000te'])"],
  ['non-ASCII', '', "seccomp(['wrïte'])"],
  ['an unknown syscall', '', "seccomp(['wirte'])"],
  ['an unknown group in pledge()', '', "seccomp.pledge('stdio inett')"],
  ['a 1 MB string', '', "seccomp(['a'.repeat(1 << 20)])"],
  ['100 000 names', '', "seccomp(new Array(100000).fill('getpid'))"],
  ['duplicates', '', "seccomp(['write', 'write'], seccomp.stdio, seccomp.stdio)"],
  ['an empty array', '', 'seccomp([])'],
  ['an unknown option', '', "seccomp(seccomp.stdio, { penality: 'errno' })"],
  ['load twice', '', 'seccomp(seccomp.stdio); seccomp(seccomp.stdio)'],
  // Each Worker requires the addon first (module loading needs rpath), waits at a gate, then
  // all four and the main thread call seccomp() at the same moment.
  ['concurrent loads from 4 worker threads and the main thread', `const { Worker } = require('node:worker_threads')
const gate = new Int32Array(new SharedArrayBuffer(4))
const code = "const { parentPort, workerData } = require('node:worker_threads'); const s = require('node-seccomp'); " +
  "parentPort.postMessage('ready'); Atomics.wait(workerData, 0, 0); s(s.stdio); parentPort.postMessage('loaded')"
const workers = [0, 1, 2, 3].map(() => new Worker(code, { eval: true, workerData: gate }))
const next = (w) => new Promise((resolve, reject) => w.once('message', resolve).once('error', reject))
await Promise.all(workers.map(next))`,
  'Atomics.store(gate, 0, 1); Atomics.notify(gate, 0); seccomp(seccomp.stdio); await Promise.all(workers.map(next))']
]

function rowScript (setup, call) {
  return `
const seccomp = require('node-seccomp')
const fs = require('node:fs')
// Opened before: once a filter is in, the file could no longer be opened, but still read.
const statusFd = fs.openSync('/proc/self/status', 'r')
;(async () => {
  ${setup}
  let outcome
  try {
    ${call}
    outcome = 'accepted'
  } catch (error) {
    outcome = \`\${error.name} \${error.code}: \${error.message}\`
  }
  const buffer = Buffer.alloc(4096)
  const text = buffer.toString('utf8', 0, fs.readSync(statusFd, buffer, 0, buffer.length, 0))
  const mode = text.match(/^Seccomp:\\t(\\d+)$/m)[1]
  console.log(JSON.stringify({ outcome, mode }))
  process.exit(0)
})()
`
}

function cell (text) {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

test('the JS bad-input table is README.md\'s', async () => {
  const lines = ['| input (JS API) | result | afterwards |', '| --- | --- | --- |']
  for (const [input, setup, call] of rows) {
    const result = await runScript(rowScript(setup, call))
    assert.equal(result.status, 0, `${input}: ${describeEnd(result)}`)
    const { outcome, mode } = JSON.parse(result.stdout)
    const after = mode === '0' ? 'alive, no filter' : 'alive, filtered'
    lines.push(`| ${cell(input)} | ${cell(outcome)} | ${after} |`)
  }
  const table = lines.join('\n') + '\n'
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
  const section = readme.match(/<!-- bad-input-js:begin -->\n([\s\S]*?)<!-- bad-input-js:end -->/)
  assert.ok(section, 'README.md has no bad-input-js section; the table is:\n' + table)
  assert.equal(section[1], table, 'README.md\'s bad-input-js section differs; the table is:\n' + table)
})
