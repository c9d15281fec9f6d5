'use strict'
// Node runs several threads before any user code, and the libuv thread pool starts with the
// first fs call. The filter must cover the threads that exist already (TSYNC), not only the
// calling thread and those it creates later.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { after, test } = require('node:test')

const { runScript, assertExited, assertKilledBySigsys } = require('./support/child.js')

// A worker started before the filter; on 'listen' it opens a TCP server socket itself.
function workerScript (groups) {
  return `
const { Worker } = require('node:worker_threads')
const seccomp = require('node-seccomp')
const worker = new Worker(\`
const { parentPort } = require('node:worker_threads')
parentPort.on('message', () => {
  let kept = []
  for (let i = 0; i < 200000; i++) kept.push({ i })
  const server = require('node:net').createServer()
  server.listen(0, '127.0.0.1', () => {
    server.close()
    parentPort.postMessage('worker listening after allocating ' + kept.length)
    parentPort.close()
  })
})
parentPort.postMessage('ready')
\`, { eval: true })
worker.once('message', () => {
  seccomp(${groups})
  console.log('loaded')
  worker.postMessage('listen')
  worker.once('message', (message) => console.log(message))
})
`
}

test('a worker started before the filter is filtered: its socket() kills the process', async () => {
  assertKilledBySigsys(await runScript(workerScript('seccomp.stdio')), 'loaded\n')
})

test('control: the same worker listens when the policy has inet', async () => {
  assertExited(await runScript(workerScript('seccomp.stdio, seccomp.inet')),
    'loaded\nworker listening after allocating 200000\n')
})

// The pool is started by an fs call before the filter; the later fs call runs on a pool thread.
// The parent makes (and removes) the scratch directory: the child may not be able to.
function poolScript (groups, operation) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'node-seccomp-pool-'))
  after(() => fs.rmSync(directory, { recursive: true, force: true }))
  return `
const fs = require('node:fs')
const seccomp = require('node-seccomp')
const directory = ${JSON.stringify(path.join(directory, 'made'))}
fs.stat(__filename, (error) => {
  if (error) throw error
  seccomp(${groups})
  console.log('loaded')
  ${operation}
})
`
}

const mkdir = "fs.mkdir(directory, (error) => console.log(error ? error.code : 'made'))"

test('the thread pool started before the filter is filtered: fs.mkdir() there kills the process', async () => {
  assertKilledBySigsys(await runScript(poolScript('seccomp.stdio', mkdir)), 'loaded\n')
})

test('control: the same fs.mkdir() works when the policy has cpath', async () => {
  assertExited(await runScript(poolScript('seccomp.stdio, seccomp.cpath', mkdir)), 'loaded\nmade\n')
})

test('the thread pool is filtered: fs.readFile() there gets EACCES without rpath, the file with it', async () => {
  const readFile = "fs.readFile(__filename, 'utf8', (error, text) => console.log(error ? error.code : typeof text))"
  assertExited(await runScript(poolScript('seccomp.stdio', readFile)), 'loaded\nEACCES\n')
  assertExited(await runScript(poolScript('seccomp.stdio, seccomp.rpath', readFile)), 'loaded\nstring\n')
})

test('a worker started after the filter runs under the node baseline (and the worker group)', async () => {
  for (const groups of ['seccomp.stdio', 'seccomp.worker']) {
    const result = await runScript(`
const { Worker } = require('node:worker_threads')
const seccomp = require('node-seccomp')
seccomp(${groups})
const worker = new Worker("require('node:worker_threads').parentPort.postMessage(6 * 7)", { eval: true })
worker.on('message', (answer) => console.log('worker says', answer))
worker.on('exit', (code) => console.log('worker exit', code))
`)
    assertExited(result, 'worker says 42\nworker exit 0\n')
  }
})
