'use strict'
// Loading real filters, each in a child node process, asserting exactly how the child ends:
// exit status 0 with the exact output, or death by SIGSYS after the exact output.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')

const { runScript, assertExited, assertKilledBySigsys } = require('./support/child.js')

// Keeps the runtime busy after the filter: timers, allocation and GC, JIT-compiled code.
const exerciseNode = `
function exerciseNode (done) {
  setTimeout(() => {
    let kept = []
    for (let i = 0; i < 300000; i++) kept.push({ i, s: 'x' + i })
    kept = null
    const square = (x) => x * x
    let sum = 0
    for (let i = 0; i < 5e6; i++) sum += square(i & 1023)
    setImmediate(() => done(sum > 0))
  }, 20)
}
`

// A TCP server on 127.0.0.1: reports 'listening' or the error's code and syscall.
const listen = `
function listen () {
  const server = require('node:net').createServer()
  server.on('error', (error) => console.log('error', error.code, error.syscall))
  server.listen(0, '127.0.0.1', () => { console.log('listening'); server.close() })
}
`

const readStatus = `
function seccompStatus () {
  const status = require('node:fs').readFileSync('/proc/self/status', 'utf8')
  return ['Seccomp', 'NoNewPrivs'].map((key) => status.match(new RegExp('^' + key + ':.*$', 'm'))[0]).join(' ')
}
`

test("README: seccomp(stdio), then console.log prints and the process keeps running", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
const { stdio } = seccomp
${exerciseNode}
seccomp(stdio)
console.log('writing to stdout!')
exerciseNode((ok) => console.log('still running:', ok))
`)
  assertExited(result, 'writing to stdout!\nstill running: true\n')
})

test("the original API: require('node-seccomp')(['write', 'read'], ['accept']) plus the node baseline", async () => {
  const result = await runScript(`
${exerciseNode}
require('node-seccomp')(['write', 'read'], ['accept'])
console.log('loaded')
exerciseNode((ok) => console.log('still running:', ok))
`)
  assertExited(result, 'loaded\nstill running: true\n')
})

test('the filter is in the kernel: Seccomp 2 (filter mode) and no-new-privs', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${readStatus}
console.log(seccompStatus())
seccomp(seccomp.stdio, seccomp.rpath)
console.log(seccompStatus())
`)
  assertExited(result, 'Seccomp:\t0 NoNewPrivs:\t0\nSeccomp:\t2 NoNewPrivs:\t1\n')
})

test('a forbidden syscall kills the process with SIGSYS (socket under stdio)', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio)
console.log('loaded')
listen()
setTimeout(() => console.log('still alive'), 1000)
`)
  assertKilledBySigsys(result, 'loaded\n')
})

test('a forbidden syscall kills the process with SIGSYS (a new process under stdio)', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
console.log('loaded')
require('node:child_process').spawnSync('/bin/true')
console.log('still alive')
`)
  assertKilledBySigsys(result, 'loaded\n')
})

test('the node baseline answers read-only opens with EACCES without rpath (glibc and libuv probe files)', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
try { require('node:fs').readFileSync('/proc/self/status') } catch (error) { console.log(error.code, error.syscall) }
`)
  assertExited(result, 'EACCES open\n')
})

const kolkata = '/usr/share/zoneinfo/Asia/Kolkata'

test('the local time zone, read from a file, survives a filter without rpath', {
  skip: !fs.existsSync(kolkata) && `no ${kolkata} (tzdata)`
}, async () => {
  // TZ naming a file is read like /etc/localtime; node-seccomp reads it before loading.
  const result = await runScript(`
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
console.log(new Date(0).getTimezoneOffset())
`, { env: { TZ: `:${kolkata}` } })
  assertExited(result, '-330\n')
})

test("the original http scenario: seccomp(stdio, inet, proc), then server and client exchange 'hello world'", async () => {
  const result = await runScript(`
const http = require('node:http')
const seccomp = require('node-seccomp')
const { stdio, inet, proc } = seccomp
seccomp(stdio, inet, proc)
const server = http.createServer((request, response) => response.end('hello world\\n'))
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/' }, (response) => {
    let body = ''
    response.setEncoding('utf8')
    response.on('data', (chunk) => { body += chunk })
    response.on('end', () => {
      process.stdout.write(body)
      server.close()
    })
  })
})
`)
  assertExited(result, 'hello world\n')
})

test("penalty 'errno' with errno 'EACCES': listen() fails with EACCES", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio, { penalty: 'errno', errno: 'EACCES' })
listen()
`)
  assertExited(result, 'error EACCES listen\n')
})

test("penalty 'errno' without errno: EPERM; errno by number", async () => {
  const errnoByNumber = os.constants.errno.ENETDOWN
  for (const [options, expected] of [["{ penalty: 'errno' }", 'EPERM'], [`{ penalty: 'errno', errno: ${errnoByNumber} }`, 'ENETDOWN']]) {
    const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio, ${options})
listen()
`)
    assertExited(result, `error ${expected} listen\n`)
  }
})

test("per-syscall errno: { errnos: { bind: 'EADDRINUSE' } } surfaces as err.code on server.listen", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio, seccomp.inet, { errnos: { bind: 'EADDRINUSE' } })
listen()
`)
  assertExited(result, 'error EADDRINUSE listen\n')
})

test("penalty 'log': forbidden syscalls are allowed (and logged), the process finishes", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio, { penalty: 'log' })
listen()
`)
  assertExited(result, 'listening\n')
})

test("pledge('stdio rpath'): files can be read, sockets kill", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
${readStatus}
seccomp.pledge('stdio rpath')
console.log(seccompStatus())
listen()
`)
  assertKilledBySigsys(result, 'Seccomp:\t2 NoNewPrivs:\t1\n')
})

test('pledge() with options: a string of groups and syscalls, per-syscall errno', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp.pledge('stdio inet getdents64', { errnos: { bind: 'EADDRINUSE' } })
listen()
`)
  assertExited(result, 'error EADDRINUSE listen\n')
})

test("ESM: import seccomp from 'node-seccomp'", async () => {
  const result = await runScript(`
import seccomp, { pledge, groups, version } from 'node-seccomp'
import { createRequire } from 'node:module'
const required = createRequire(import.meta.url)('node-seccomp')
console.log(seccomp === required, pledge === seccomp.pledge, groups === seccomp.groups, version === seccomp.version)
seccomp(seccomp.stdio)
console.log('writing to stdout!')
`, { extension: '.mjs' })
  assertExited(result, 'true true true true\nwriting to stdout!\n')
})

test('a second call can only narrow: rpath is gone after seccomp(stdio)', async () => {
  const result = await runScript(`
const fs = require('node:fs')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.rpath)
console.log(fs.readFileSync('/proc/self/status', 'utf8').includes('Seccomp:'))
seccomp(seccomp.stdio)
try { fs.readFileSync('/proc/self/status') } catch (error) { console.log(error.code) }
`)
  assertExited(result, 'true\nEACCES\n')
})

// The kernel refusing a filter: the first filter makes seccomp(2) fail with EPERM, so the second
// load fails. libseccomp passes the kernel's errno on when it can (SCMP_FLTATR_API_SYSRAWRC) and
// answers ECANCELED otherwise.
test('ERR_SECCOMP_LOAD: the kernel refuses; errno and message; the refused filter is not there', async () => {
  const result = await runScript(`
const fs = require('node:fs')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.rpath, { errnos: { seccomp: 'EPERM' } })
try {
  seccomp(seccomp.stdio)
  console.log('loaded')
} catch (error) {
  console.log(JSON.stringify({ name: error.name, code: error.code, errno: error.errno, message: error.message }))
}
// rpath still works: only the first filter is in force
console.log(fs.readFileSync('/proc/self/status', 'utf8').match(/^Seccomp:.*$/m)[0])
`)
  assert.equal(result.status, 0, result.stderr)
  const [line, status] = result.stdout.split('\n')
  const error = JSON.parse(line)
  const { EPERM, ECANCELED } = os.constants.errno
  assert.ok([EPERM, ECANCELED].includes(error.errno), `errno ${error.errno}`)
  assert.deepEqual(error, {
    name: 'Error',
    code: 'ERR_SECCOMP_LOAD',
    errno: error.errno,
    message: `the kernel refused the filter: ${error.errno === EPERM ? 'Operation not permitted' : 'Operation canceled'}`
  })
  assert.equal(status, 'Seccomp:\t2')
})

test('ERR_SECCOMP_LOAD: stacking filters until the kernel has no room', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
let loaded = 0
try {
  for (;;) { seccomp(seccomp.stdio, { penalty: 'errno' }); loaded++ }
} catch (error) {
  console.log(loaded > 1, error.code, error.errno, error.message)
}
`)
  const { ENOMEM, ECANCELED } = os.constants.errno
  const expected = [
    `true ERR_SECCOMP_LOAD ${ENOMEM} the kernel refused the filter: Cannot allocate memory\n`,
    `true ERR_SECCOMP_LOAD ${ECANCELED} the kernel refused the filter: Operation canceled\n`
  ]
  assert.equal(result.status, 0, result.stderr)
  assert.ok(expected.includes(result.stdout), result.stdout)
})

test("penalty 'diagnose': stderr names the blocked call and the group that allows it, then SIGSYS", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio, { penalty: 'diagnose' })
console.log('loaded')
listen()
`)
  assert.equal(result.signal, 'SIGSYS', result.stderr)
  assert.equal(result.stdout, 'loaded\n')
  assert.match(result.stderr,
    /^nodeseccomp: blocked socket\(family=AF_INET, type=SOCK_STREAM, protocol=0\) - allowed by group "(inet|dns)"\n$/)
})

test('NODE_SECCOMP_LEARN=1: an app\'s own seccomp() call blocks nothing and reports what it lacked at exit', async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
${listen}
seccomp(seccomp.stdio)
listen()
`, { env: { NODE_SECCOMP_LEARN: '1' } })
  assertExited(result, 'listening\n')
  assert.match(result.stderr, /^nodeseccomp learn: calls of this run that the policy does not allow:\n/)
  assert.match(result.stderr, /\n {2}socket\(family=AF_INET, type=SOCK_STREAM, protocol=0\) +x1 +inet, dns\n/)
  assert.match(result.stderr, /\n {2}listen\(\) +x1 +netio\n/)
  assert.match(result.stderr, /\nnodeseccomp learn: add to the policy: inet\n$/)
})

test("penalty 'learn' without the environment variable: the same, for one call", async () => {
  const result = await runScript(`
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, { penalty: 'learn' })
require('node:child_process').spawnSync('/bin/true')
console.log('spawned')
`)
  assertExited(result, 'spawned\n')
  assert.match(result.stderr, /add to the policy: .*proc/)
  assert.match(result.stderr, /add to the policy: .*exec/)
})
