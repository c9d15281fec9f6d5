'use strict'
// Every refused argument: the exact error (class, code, message), and a process that is alive
// and unfiltered afterwards. Each case runs in a child (if a bug loaded a filter anyway, only
// the child would suffer), which catches the error and then does what a filter would forbid:
// it opens /proc/self/status, reads its Seccomp line, and runs /bin/true.

const { test } = require('node:test')
const assert = require('node:assert/strict')

const { runScript, assertExited } = require('./support/child.js')

const prelude = `
const seccomp = require('node-seccomp')
const { stdio, inet } = seccomp
`

// `setup` prepares values, `call` is the expression that must throw.
function errorScript ({ setup = '', call }) {
  return `${prelude}
${setup}
let outcome = 'nothing thrown'
try {
  ${call}
} catch (error) {
  outcome = { name: error.name, code: error.code, message: error.message }
  if ('errno' in error) outcome.errno = error.errno
}
const fs = require('node:fs')
const status = fs.readFileSync('/proc/self/status', 'utf8')
require('node:child_process').execFileSync('/bin/true')
console.log(JSON.stringify({ outcome, seccomp: status.match(/^Seccomp:\\t(\\d+)$/m)[1] }))
`
}

async function assertRefused (source, expected) {
  const result = await runScript(errorScript(source))
  assert.equal(result.status, 0, `child failed: ${result.signal} ${result.stderr}`)
  const { outcome, seccomp } = JSON.parse(result.stdout)
  if (expected.message instanceof RegExp) {
    assert.match(outcome.message, expected.message)
    expected = { ...expected, message: outcome.message }
  }
  assert.deepEqual(outcome, expected)
  assert.equal(seccomp, '0', 'no filter was loaded')
}

const typeError = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message })
const valueError = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message })
const rangeError = (message) => ({ name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message })

const cases = [
  // ---- ERR_MISSING_ARGS
  ['no arguments at all', { call: 'seccomp()' }, {
    name: 'TypeError',
    code: 'ERR_MISSING_ARGS',
    message: 'seccomp() needs at least one array of syscall names or a group, such as seccomp(seccomp.stdio)'
  }],
  ['pledge() without a string', { call: 'seccomp.pledge()' }, {
    name: 'TypeError', code: 'ERR_MISSING_ARGS', message: "pledge() needs a pledge string, such as pledge('stdio rpath')"
  }],

  // ---- ERR_INVALID_ARG_TYPE: not an array, group or options
  ['a string argument', { call: "seccomp('write')" }, typeError(
    'argument 0 must be an array of syscall names, a node-seccomp group or (last) an options object, ' +
    'not the string "write"')],
  ['a number argument', { call: 'seccomp(stdio, 42)' }, typeError(
    'argument 1 must be an array of syscall names, a node-seccomp group or (last) an options object, ' +
    'not number 42')],
  ['null', { call: 'seccomp(null)' }, typeError(
    'argument 0 must be an array of syscall names, a node-seccomp group or (last) an options object, not null')],
  ['a non-string element', { call: "seccomp(['write', 42])" }, typeError(
    'argument 0[1] must be a syscall name (string) or a node-seccomp group, not number 42')],
  ['a String object element', { call: "seccomp([new String('write')])" }, typeError(
    'argument 0[0] must be a syscall name (string) or a node-seccomp group, not an object')],
  ['a nested array', { call: "seccomp([['write']])" }, typeError(
    'argument 0[0] must be a syscall name (string) or a node-seccomp group, not an array')],
  ['a sparse array (hole)', { call: "seccomp(['read', , 'write'])" }, typeError( // eslint-disable-line no-sparse-arrays
    'argument 0 is a sparse array: it has no element 1')],
  ['a sparse array (length)', { setup: "const names = ['write']; names.length = 3", call: 'seccomp(names)' },
    typeError('argument 0 is a sparse array: it has no element 1')],
  ['a Proxy of an array', { call: "seccomp(new Proxy(['write'], {}))" }, typeError(
    'argument 0 is a Proxy; pass a plain array or a group')],
  ['a Proxy of a group', { call: 'seccomp(new Proxy(stdio, {}))' }, typeError(
    'argument 0 is a Proxy; pass a plain array or a group')],
  ['a Proxy of a group in an array', { call: 'seccomp([new Proxy(stdio, {})])' }, typeError(
    'argument 0[0] must be a syscall name (string) or a node-seccomp group, not a Proxy')],
  ['a getter element', {
    setup: "const names = ['read']; Object.defineProperty(names, 0, { get () { return 'write' } })",
    call: 'seccomp(names)'
  }, typeError('argument 0[0] is an accessor (getter or setter); only plain values are read')],
  ['a getter that throws', {
    setup: "const names = ['read']; Object.defineProperty(names, 0, { get () { throw new Error('boom') } })",
    call: 'seccomp(names)'
  }, typeError('argument 0[0] is an accessor (getter or setter); only plain values are read')],
  ['a copy of a group as an argument', { call: 'seccomp({ ...stdio })' }, typeError(
    'argument 0 is not a group, an array or an options object: unknown key name (options are penalty, ' +
    'errno, errnos) (a copy of a group, such as {...seccomp.stdio}, is not a group: pass the group itself)')],
  ['a copy of a group before other arguments', { call: "seccomp({ ...stdio }, ['read'])" }, typeError(
    'argument 0 must be an array of syscall names, a node-seccomp group or (last) an options object, ' +
    'not an object (a copy of a group, such as {...seccomp.stdio}, is not a group: pass the group itself)')],
  ['a copy of a group in an array', { call: "seccomp([{ ...stdio }, 'read'])" }, typeError(
    'argument 0[0] must be a syscall name (string) or a node-seccomp group, not an object ' +
    '(a copy of a group, such as {...seccomp.stdio}, is not a group: pass the group itself)')],
  ['an object made to look like a group', { call: "seccomp([{ name: 'stdio', description: '', includes: [] }])" },
    typeError('argument 0[0] must be a syscall name (string) or a node-seccomp group, not an object ' +
    '(a copy of a group, such as {...seccomp.stdio}, is not a group: pass the group itself)')],
  ['a Proxy as options', { call: "seccomp(stdio, new Proxy({ penalty: 'log' }, {}))" }, typeError(
    'argument 1 is a Proxy; pass a plain array or a group')],
  ['an options getter', {
    setup: "const options = {}; Object.defineProperty(options, 'penalty', { get () { return 'log' }, enumerable: true })",
    call: 'seccomp(stdio, options)'
  }, typeError('options.penalty is an accessor (getter or setter); only plain values are read')],
  ['a penalty that is not a string', { call: 'seccomp(stdio, { penalty: 1 })' }, typeError(
    'options.penalty must be a string, not number 1')],
  ['an errno that is neither name nor number', { call: "seccomp(stdio, { penalty: 'errno', errno: {} })" },
    typeError('options.errno must be an errno name or number, not an object')],
  ['errnos that is not an object', { call: "seccomp(stdio, { errnos: ['bind'] })" }, typeError(
    "options.errnos must be a plain object such as { bind: 'EADDRINUSE' }, not an array")],
  ['an errnos getter that throws', {
    setup: "const errnos = {}; Object.defineProperty(errnos, 'bind', { get () { throw new Error('boom') }, enumerable: true })",
    call: 'seccomp(inet, { errnos })'
  }, typeError('options.errnos.bind is an accessor (getter or setter); only plain values are read')],
  ['a symbol key in errnos', { call: "seccomp(inet, { errnos: { [Symbol('bind')]: 'EPERM' } })" }, typeError(
    'options.errnos must have syscall names as keys, not symbols')],
  ['pledge() with a non-string', { call: "seccomp.pledge(['stdio'])" }, typeError(
    'the pledge string must be a string, not an array')],
  ['pledge() with options that are not an object', { call: "seccomp.pledge('stdio', 'log')" }, typeError(
    'the options of pledge() must be a plain object, not the string "log"')],
  ['pledge() with too many arguments', { call: "seccomp.pledge('stdio', {}, {})" }, typeError(
    'pledge() takes a pledge string and an optional options object')],

  // ---- ERR_INVALID_ARG_VALUE, with the library's own messages
  ['an unknown syscall', { call: "seccomp(['write', 'wirte'])" }, valueError(
    'unknown syscall "wirte" (did you mean "write"?)')],
  ['an unknown syscall among groups', { call: "seccomp(stdio, ['getdents65'])" }, valueError(
    'unknown syscall "getdents65" (did you mean "getdents64"?)')],
  ['a syscall of another system', { call: "seccomp(['getthrid'])" }, valueError(
    'unknown syscall "getthrid" (did you mean "gettid"?)')],
  ['an empty syscall name', { call: "seccomp([''])" }, valueError('empty syscall name')],
  ['a NUL byte inside a name', { call: "seccomp(['wri\\0te'])" }, valueError(
    'argument 0[0] contains a NUL byte: "wri\\u0000te"')],
  ['a NUL byte inside a pledge string', { call: "seccomp.pledge('stdio\\0 inet')" }, valueError(
    'the pledge string contains a NUL byte: "stdio\\u0000 inet"')],
  ['an unknown group in a pledge string', { call: "seccomp.pledge('stdio rpth')" }, valueError(
    'unknown group or syscall "rpth" (did you mean "rpath"?)')],
  ['an empty pledge string', { call: "seccomp.pledge('  ')" }, valueError(
    'empty pledge string: it would allow nothing')],
  ['an empty policy', { call: 'seccomp([])' }, valueError(
    'empty policy: it allows nothing (pass at least one syscall or group)')],
  ['options alone', { call: "seccomp({ penalty: 'log' })" }, valueError(
    'empty policy: it allows nothing (pass at least one syscall or group)')],
  ['an unknown penalty', { call: "seccomp(stdio, { penalty: 'explode' })" }, valueError(
    'options.penalty must be \'kill\', \'errno\', \'log\', \'diagnose\' or \'learn\', not "explode"')],
  ['an unknown errno name', { call: "seccomp(stdio, { penalty: 'errno', errno: 'EFOO' })" }, valueError(
    'options.errno: unknown errno name "EFOO" (names are those of os.constants.errno, such as "EPERM")')],
  ['an errno without the errno penalty', { call: "seccomp(stdio, { errno: 'EPERM' })" }, valueError(
    'an errno value goes only with the errno penalty')],
  ['an unknown syscall in errnos', { call: "seccomp(inet, { errnos: { bnid: 'EADDRINUSE' } })" }, valueError(
    'unknown syscall "bnid" (did you mean "bind"?)')],

  // ---- sizes: RangeError
  ['too many names (limit 4096)', { call: "seccomp(new Array(4097).fill('read'))" }, rangeError(
    'too many names: more than 4096 in one call')],
  ['too many names across arguments', { call: "seccomp(new Array(4000).fill('read'), new Array(97).fill('write'))" },
    rangeError('too many names: more than 4096 in one call')],
  ['a huge sparse array is refused before it is read', { setup: 'const names = []; names.length = 2 ** 32 - 1', call: 'seccomp(names)' },
    rangeError('too many names: more than 4096 in one call')],
  ['a syscall name longer than the library accepts', { call: "seccomp(['a'.repeat(100)])" }, rangeError(
    'syscall name longer than 64 characters')],
  ['an errno number out of range', { call: "seccomp(stdio, { penalty: 'errno', errno: 5000 })" }, rangeError(
    'options.errno: errno value 5000 out of range 1..4095')],
  ['an errno that is not an integer', { call: "seccomp(inet, { errnos: { bind: 1.5 } })" }, rangeError(
    'options.errnos.bind: errno value 1.5 out of range 1..4095')]
]

for (const [title, source, expected] of cases) {
  test(`refused: ${title}`, () => assertRefused(source, expected))
}

test('nothing is loaded when one argument of many is bad', () => assertRefused(
  { call: "seccomp(stdio, inet, ['read', 'write'], ['acept'], { penalty: 'errno' })" },
  valueError('unknown syscall "acept" (did you mean "accept"?)')))

test('a valid call after a refused one still works', async () => {
  const result = await runScript(`${prelude}
try { seccomp(['wirte']) } catch (error) { console.log(error.code) }
seccomp(stdio)
console.log('loaded')
`)
  assertExited(result, 'ERR_INVALID_ARG_VALUE\nloaded\n')
})
