'use strict'
// node-seccomp: pledge for Linux, in Node.js. A thin layer over libnodeseccomp (through the
// native addon in src/binding.c): every syscall group comes from the library's table at load
// time; nothing here knows a syscall.
//
// A filter is irreversible, so this file is strict: every argument is validated and copied into
// fresh arrays of plain strings and numbers before anything reaches C, without running any user
// code (no getters, no Proxy traps, no iterators), and nothing is loaded unless all of it is good.

const os = require('node:os')
const util = require('node:util')

const addonVersion = require('./package.json').version
const binding = loadBinding()

// The most names one call may carry: syscalls, groups and per-syscall errnos together
// (src/binding.c enforces the same number).
const MAX_NAMES = 4096
const PENALTIES = ['kill', 'errno', 'log', 'diagnose', 'learn']
const OPTION_KEYS = ['penalty', 'errno', 'errnos']
const GROUP_KEYS = ['name', 'description', 'includes']

function loadBinding () {
  if (process.platform !== 'linux') {
    throw codedError(Error, 'ERR_SECCOMP_PLATFORM',
      `node-seccomp works only on Linux (seccomp), not on ${process.platform}`)
  }
  try {
    return require('./build/Release/node_seccomp.node')
  } catch (cause) {
    const error = codedError(Error, 'ERR_SECCOMP_ADDON',
      `node-seccomp could not load its native addon (reinstall it, with libnodeseccomp ` +
      `installed): ${cause.message}`)
    error.cause = cause
    throw error
  }
}

function codedError (Constructor, code, message) {
  const error = new Constructor(message)
  error.code = code
  return error
}

const typeError = (message) => codedError(TypeError, 'ERR_INVALID_ARG_TYPE', message)
const valueError = (message) => codedError(TypeError, 'ERR_INVALID_ARG_VALUE', message)
const rangeError = (message) => codedError(RangeError, 'ERR_INVALID_ARG_VALUE', message)

// ---- Groups -------------------------------------------------------------------------------------

// Only the objects made here are groups. A group is a name the library resolves together with
// its argument checks (openat only read-only, socket only AF_INET...). If a copy counted, or a
// group could be spread into an array of syscall names, those checks would be silently lost, so
// groups are frozen, not iterable, and recognised by identity only.
const brand = new WeakSet()

class Group {
  constructor ({ name, description, includes }) {
    this.name = name
    this.description = description
    this.includes = Object.freeze([...includes])
    Object.freeze(this)
    brand.add(this)
  }

  toString () {
    return `[node-seccomp group ${this.name}]`
  }

  // Spreading ([...group]) or Array.from(group) would turn a group into nothing at all: refuse.
  [Symbol.iterator] () {
    throw codedError(TypeError, 'ERR_SECCOMP_GROUP_NOT_ITERABLE',
      `node-seccomp group ${this.name} cannot be spread or iterated: a copy would lose its ` +
      'argument checks. Pass the group itself: seccomp(seccomp.stdio, [\'getdents64\'])')
  }
}
Object.freeze(Group.prototype)
Object.freeze(Group)

const isGroup = (value) => brand.has(value)

const groups = Object.freeze(binding.groups().map((entry) => new Group(entry)))

// ---- Validation ---------------------------------------------------------------------------------

// For messages: what a wrong value is, without running its code or quoting all of it.
function describe (value) {
  if (value === null || value === undefined) return String(value)
  if (util.types.isProxy(value)) return 'a Proxy'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'string') return `the string ${quote(value)}`
  return `${typeof value} ${String(value)}`
}

// A string as JSON, cut short if long: messages quote what they refuse.
function quote (text) {
  const json = JSON.stringify(text)
  return json.length > 72 ? json.slice(0, 68) + '..."' : json
}

// A plain object ({...} or Object.create(null)) that is neither a Proxy nor a group.
function isPlainObject (value) {
  if (value === null || typeof value !== 'object' || util.types.isProxy(value) || isGroup(value)) {
    return false
  }
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// Read an own property as data: never call a getter (user code could change its answer between
// our check and the load, or throw). Returns undefined for an absent property.
function dataProperty (object, key, where) {
  const descriptor = Object.getOwnPropertyDescriptor(object, key)
  if (descriptor === undefined) return undefined
  if (!('value' in descriptor)) {
    throw typeError(`${where} is an accessor (getter or setter); only plain values are read`)
  }
  return descriptor.value
}

function checkName (name, where) {
  if (name.includes('\0')) {
    throw valueError(`${where} contains a NUL byte: ${quote(name)}`)
  }
  return name
}

// Collects what one call asks for, counting names against MAX_NAMES as it goes.
class Request {
  constructor () {
    this.groups = new Set()
    this.syscalls = []
    this.errnoNames = []
    this.errnoValues = []
    this.penalty = 'kill'
    this.errno = 0
    this.pledge = null
  }

  get count () {
    return this.groups.size + this.syscalls.length + this.errnoNames.length
  }

  reserve (more) {
    if (this.count + more > MAX_NAMES) {
      throw rangeError(`too many names: more than ${MAX_NAMES} in one call`)
    }
  }

  addGroup (group) {
    this.reserve(1)
    this.groups.add(group.name)
  }

  addSyscall (name, where) {
    this.reserve(1)
    this.syscalls.push(checkName(name, where))
  }

  isEmpty () {
    return this.count === 0 && this.pledge === null
  }
}

function notGroupHint (value) {
  if (isPlainObject(value) && GROUP_KEYS.some((key) => Object.hasOwn(value, key))) {
    return ' (a copy of a group, such as {...seccomp.stdio}, is not a group: pass the group itself)'
  }
  return ''
}

// An array of syscall names and groups.
function addArray (request, array, where) {
  const length = array.length
  request.reserve(length)
  for (let i = 0; i < length; i++) {
    const elementWhere = `${where}[${i}]`
    if (!Object.hasOwn(array, i)) {
      throw typeError(`${where} is a sparse array: it has no element ${i}`)
    }
    const element = dataProperty(array, i, elementWhere)
    if (typeof element === 'string') {
      request.addSyscall(element, elementWhere)
    } else if (isGroup(element)) {
      request.addGroup(element)
    } else {
      throw typeError(`${elementWhere} must be a syscall name (string) or a node-seccomp ` +
        `group, not ${describe(element)}${notGroupHint(element)}`)
    }
  }
}

function addArgument (request, argument, where) {
  if (util.types.isProxy(argument)) {
    throw typeError(`${where} is a Proxy; pass a plain array or a group`)
  }
  if (Array.isArray(argument)) {
    addArray(request, argument, where)
  } else if (isGroup(argument)) {
    request.addGroup(argument)
  } else {
    throw typeError(`${where} must be an array of syscall names, a node-seccomp group or ` +
      `(last) an options object, not ${describe(argument)}${notGroupHint(argument)}`)
  }
}

// An errno given by name ('EADDRINUSE', from os.constants.errno) or number (1..4095).
function toErrno (value, where) {
  if (typeof value === 'string') {
    if (!Object.hasOwn(os.constants.errno, value)) {
      throw valueError(`${where}: unknown errno name ${quote(value)} ` +
        '(names are those of os.constants.errno, such as "EPERM")')
    }
    return os.constants.errno[value]
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 4095) {
      throw rangeError(`${where}: errno value ${value} out of range 1..4095`)
    }
    return value
  }
  throw typeError(`${where} must be an errno name or number, not ${describe(value)}`)
}

function readErrnos (request, errnos) {
  if (!isPlainObject(errnos)) {
    throw typeError(`options.errnos must be a plain object such as { bind: 'EADDRINUSE' }, not ${
      describe(errnos)}`)
  }
  const keys = Reflect.ownKeys(errnos)
  request.reserve(keys.length)
  for (const key of keys) {
    if (typeof key !== 'string') {
      throw typeError('options.errnos must have syscall names as keys, not symbols')
    }
    const where = `options.errnos.${key}`
    const value = dataProperty(errnos, key, where)
    request.errnoNames.push(checkName(key, `a syscall name in options.errnos (${quote(key)})`))
    request.errnoValues.push(toErrno(value, where))
  }
}

// { penalty: 'kill' | 'errno' | 'log', errno: 'EPERM' | number, errnos: { bind: 'EADDRINUSE' } }
function readOptions (request, options, where) {
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key !== 'string' || !OPTION_KEYS.includes(key)) {
      const name = typeof key === 'string' ? key.slice(0, 64) : String(key)
      throw typeError(`${where} is not a group, an array or an options object: unknown key ` +
        `${name} (options are ${OPTION_KEYS.join(', ')})${notGroupHint(options)}`)
    }
  }
  const penalty = dataProperty(options, 'penalty', 'options.penalty')
  const errno = dataProperty(options, 'errno', 'options.errno')
  const errnos = dataProperty(options, 'errnos', 'options.errnos')
  if (penalty !== undefined) {
    if (typeof penalty !== 'string') {
      throw typeError(`options.penalty must be a string, not ${describe(penalty)}`)
    }
    if (!PENALTIES.includes(penalty)) {
      throw valueError(`options.penalty must be 'kill', 'errno', 'log', 'diagnose' or 'learn', not ${quote(penalty)}`)
    }
    request.penalty = penalty
  }
  // An errno without the errno penalty is refused by the library, with its own message.
  if (errno !== undefined) request.errno = toErrno(errno, 'options.errno')
  if (errnos !== undefined) readErrnos(request, errnos)
}

function missingArguments (message) {
  return codedError(TypeError, 'ERR_MISSING_ARGS', message)
}

// What Node reads lazily from files, done while files can still be read (OpenBSD programs call
// tzset() before pledge() for the same reason): the local time zone. V8 asks ICU, which asks
// glibc, which opens /etc/localtime (or the file TZ names) the first time a date needs local
// time; after a filter without rpath that open fails and local times silently become UTC.
function prepareNode () {
  new Date().getTimezoneOffset() // eslint-disable-line no-new
}

// Learning from inside an app: with NODE_SECCOMP_LEARN=1 in the environment, every call of
// seccomp() or pledge() loads its policy with the learn penalty instead - nothing is blocked -
// and when the process exits, what the policy lacked for this run is printed to stderr.
const learnFromEnvironment = Boolean(process.env.NODE_SECCOMP_LEARN)
let reportRegistered = false

function reportWhenExiting () {
  if (reportRegistered) return
  reportRegistered = true
  process.once('exit', () => binding.learnReport(2))
}

function load (request) {
  if (learnFromEnvironment) {
    request.penalty = 'learn'
    request.errno = 0
  }
  prepareNode()
  binding.load([...request.groups], request.syscalls, request.pledge, request.penalty,
    request.errno, request.errnoNames, request.errnoValues)
  if (request.penalty === 'learn') reportWhenExiting()
}

// ---- The API ------------------------------------------------------------------------------------

// seccomp(['write', 'read'], seccomp.inet, { penalty: 'errno' }): allow these syscalls and groups
// (plus the node baseline) in this process and all its threads; anything else gets the penalty.
function seccomp (...args) {
  if (args.length === 0) {
    throw missingArguments('seccomp() needs at least one array of syscall names or a group, ' +
      'such as seccomp(seccomp.stdio)')
  }
  const request = new Request()
  let last = args.length
  if (isPlainObject(args[last - 1])) {
    readOptions(request, args[last - 1], `argument ${last - 1}`)
    last--
  }
  for (let i = 0; i < last; i++) addArgument(request, args[i], `argument ${i}`)
  if (request.isEmpty()) {
    throw valueError('empty policy: it allows nothing (pass at least one syscall or group)')
  }
  load(request)
}

// seccomp.pledge('stdio rpath inet', options): the same from an OpenBSD-style pledge string of
// group and syscall names.
function pledge (...args) {
  if (args.length === 0) {
    throw missingArguments("pledge() needs a pledge string, such as pledge('stdio rpath')")
  }
  const [promises, options] = args
  if (typeof promises !== 'string') {
    throw typeError(`the pledge string must be a string, not ${describe(promises)}`)
  }
  if (args.length > 2) {
    throw typeError('pledge() takes a pledge string and an optional options object')
  }
  const request = new Request()
  request.pledge = checkName(promises, 'the pledge string')
  if (options !== undefined) {
    if (!isPlainObject(options)) {
      throw typeError(`the options of pledge() must be a plain object, not ${describe(options)}`)
    }
    readOptions(request, options, 'the options')
  }
  load(request)
}

function define (target, name, value) {
  if (Object.hasOwn(target, name)) {
    // A group named like an API property (or a function's own "name"/"length") would be
    // unreachable; refuse to start rather than hide one of them.
    throw codedError(Error, 'ERR_SECCOMP_LIBRARY',
      `libnodeseccomp has a group named ${quote(name)}, which clashes with node-seccomp's API`)
  }
  Object.defineProperty(target, name, { value, enumerable: true })
}

define(seccomp, 'pledge', pledge)
define(seccomp, 'groups', groups)
define(seccomp, 'version', Object.freeze({ library: binding.version(), addon: addonVersion }))
for (const group of groups) define(seccomp, group.name, group)
Object.freeze(seccomp)

module.exports = seccomp
