'use strict'
// JS probes: through the Node addon, what each group must forbid (and, as controls, allow).
// Each probe runs in its own child node: it loads the pledge, prints 'loaded', performs the
// operation and prints 'done' (or the error's code). The expected end is exact: death by
// SIGSYS after 'loaded', or exit 0 with 'done' / the documented errno code.
// Run by node/test/run.sh, which sets NODE_SECCOMP_PACKAGE to the built package.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')

const { runScript, describeEnd } = require(path.join(process.env.NODE_SECCOMP_PACKAGE, 'test', 'support', 'child.js'))

const KILLED = Symbol('killed by SIGSYS')

// [pledge, operation (JS statements, synchronous or calling done()), expected end]
const probes = [
  // files
  ['stdio rpath', "fs.writeFileSync(existing, 'x')", KILLED],
  ['stdio rpath', 'fs.readFileSync(existing)', 'done'],
  ['stdio rpath', "fs.openSync(existing, 'r+')", KILLED],
  ['stdio rpath', "fs.openSync(path.join(dir, 'new'), 'wx')", KILLED],
  ['stdio wpath', "fs.openSync(existing, 'r')", 'EACCES'], // node: read-only opens answer EACCES without rpath
  ['stdio wpath', 'fs.openSync(existing, fs.constants.O_WRONLY | fs.constants.O_TRUNC)', 'done'],
  ['stdio wpath', "fs.openSync(existing, 'w')", KILLED], // 'w' is O_CREAT|O_TRUNC: needs cpath too
  ['stdio wpath', "fs.openSync(path.join(dir, 'new'), 'w')", KILLED], // creating needs cpath
  ['stdio cpath', "fs.openSync(path.join(dir, 'new'), 'wx')", 'done'],
  ['stdio cpath', "fs.openSync(existing, 'w')", KILLED], // truncating an existing file needs wpath
  ['stdio cpath', "fs.writeFileSync(path.join(dir, 'new'), 'x')", KILLED], // O_TRUNC without wpath
  ['stdio cpath wpath', "fs.writeFileSync(path.join(dir, 'new'), 'x')", 'done'],
  ['stdio', 'fs.mkdirSync(path.join(dir, "d"))', KILLED],
  ['stdio cpath', 'fs.mkdirSync(path.join(dir, "d"))', 'done'],
  ['stdio rpath', 'fs.chmodSync(existing, 0o600)', KILLED],
  ['stdio fattr', 'fs.chmodSync(existing, 0o600)', 'done'],
  ['stdio rpath', 'fs.chownSync(existing, 0, 0)', KILLED],
  ['stdio', 'fs.readFileSync(existing)', 'EACCES'],
  // sockets
  ['stdio', "net.createServer().listen(0, '127.0.0.1', () => done())", KILLED],
  ['stdio inet', "net.createServer().listen(0, '127.0.0.1', () => done())", 'done'],
  ['stdio inet', "net.createServer().listen(path.join(dir, 'sock'), () => done())", KILLED],
  ['stdio unix', "net.createServer().listen(path.join(dir, 'sock'), () => done())", 'done'],
  ['stdio unix', "net.createServer().listen(0, '127.0.0.1', () => done())", KILLED],
  ['stdio', "require('node:dgram').createSocket('udp4').bind(0, () => done())", KILLED],
  ['stdio inet', "require('node:dgram').createSocket('udp6').bind(0, '::1', () => done())", 'done'],
  ['stdio inet', 'os.networkInterfaces()', KILLED], // netlink: never in inet
  // processes
  ['stdio', "child_process.spawnSync('/bin/true')", KILLED],
  // no exec: the forked child dies at execve, the parent lives on
  ['stdio rpath proc prot_exec', "console.log(child_process.spawnSync('/bin/true').signal)", 'SIGSYS\ndone'],
  ['stdio rpath proc exec prot_exec', "child_process.execFileSync('/bin/true')", 'done'],
  ['stdio', 'process.kill(process.ppid, 0)', KILLED],
  ['stdio', 'process.kill(process.pid, 0)', 'done'],
  ['stdio proc', 'process.kill(process.ppid, 0)', 'done'],
  ['stdio', 'process.setuid(0)', KILLED],
  ['stdio id', 'process.setuid(0)', 'done'],
  // executable memory: the node group includes prot_exec for the JIT, so JS cannot show a
  // PROT_EXEC refusal; tests/probes/probes.c and tests/escape do, through the C API.
  ['stdio', 'new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])))', 'done']
]

for (const [pledge, operation, expected] of probes) {
  const label = expected === KILLED ? 'killed' : expected
  test(`${pledge}: ${operation} -> ${label}`, async () => {
    const result = await runScript(`
const fs = require('node:fs'), os = require('node:os'), path = require('node:path')
const net = require('node:net'), child_process = require('node:child_process')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'))
const existing = path.join(dir, 'existing.txt')
fs.writeFileSync(existing, 'content')
const seccomp = require('node-seccomp')
seccomp.pledge(${JSON.stringify(pledge)})
console.log('loaded')
function done () { console.log('done'); process.exit(0) }
try {
  const result = (() => { ${operation} })()
  if (!${JSON.stringify(operation)}.includes('done()')) done()
} catch (error) {
  console.log(error.code || error.message)
}
`)
    if (expected === KILLED) {
      assert.deepEqual({ status: result.status, signal: result.signal, stdout: result.stdout },
        { status: null, signal: 'SIGSYS', stdout: 'loaded\n' }, describeEnd(result))
    } else {
      assert.deepEqual({ status: result.status, signal: result.signal, stdout: result.stdout },
        { status: 0, signal: null, stdout: `loaded\n${expected}\n` }, describeEnd(result))
    }
  })
}
