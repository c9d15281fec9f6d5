'use strict'
// The module's shape, in the test runner itself: loading node-seccomp loads no filter. Every
// group, description and include is compared with what libnodeseccomp reports on its own.

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { test } = require('node:test')

const { PACKAGE_ROOT, libraryReport } = require('./support/child.js')
const seccomp = require('node-seccomp')

const API = ['pledge', 'groups', 'version']

test('seccomp.groups is the library table, in order, as frozen objects', () => {
  const library = libraryReport()
  assert.ok(library.groups.length > 0)
  assert.deepEqual(
    seccomp.groups.map(({ name, description, includes }) => ({ name, description, includes: [...includes] })),
    library.groups)
  assert.ok(Object.isFrozen(seccomp.groups))
  for (const group of seccomp.groups) {
    assert.ok(Object.isFrozen(group), group.name)
    assert.ok(Object.isFrozen(group.includes), group.name)
  }
})

test('every group is a property of the module, the same object as in seccomp.groups', () => {
  const library = libraryReport()
  const exported = Object.keys(seccomp).filter((key) => !API.includes(key))
  assert.deepEqual(exported, library.groups.map((group) => group.name))
  for (const group of seccomp.groups) assert.equal(seccomp[group.name], group)
})

test('spot checks: stdio, inet and the node baseline exist', () => {
  assert.equal(seccomp.stdio.name, 'stdio')
  assert.ok(seccomp.inet.includes.includes('netio'))
  assert.ok(seccomp.node.includes.includes('stdio'))
  assert.ok(seccomp.node.includes.includes('prot_exec'))
  assert.equal(String(seccomp.stdio), '[node-seccomp group stdio]')
})

test('seccomp.version: the running library and this package', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'))
  assert.deepEqual({ ...seccomp.version }, { library: libraryReport().version, addon: pkg.version })
  assert.equal(pkg.version, libraryReport().version, 'package and library versions agree')
  assert.ok(Object.isFrozen(seccomp.version))
})

test('groups cannot be spread, iterated or copied into something that counts', () => {
  const { stdio } = seccomp
  for (const attempt of [() => [...stdio], () => Array.from(stdio), () => { for (const x of stdio) void x }]) {
    assert.throws(attempt, {
      name: 'TypeError',
      code: 'ERR_SECCOMP_GROUP_NOT_ITERABLE',
      message: 'node-seccomp group stdio cannot be spread or iterated: a copy would lose its ' +
        "argument checks. Pass the group itself: seccomp(seccomp.stdio, ['getdents64'])"
    })
  }
  assert.equal(Array.isArray(stdio), false)
  // Spreading into an object gives a plain object: seccomp() refuses it (test/errors.test.js).
  const copy = { ...stdio }
  assert.equal(Object.getPrototypeOf(copy), Object.prototype)
})

test('the module and its groups cannot be changed', () => {
  assert.ok(Object.isFrozen(seccomp))
  assert.throws(() => { seccomp.stdio = seccomp.inet }, TypeError)
  assert.throws(() => { seccomp.stdio.name = 'inet' }, TypeError)
  assert.throws(() => { seccomp.groups.push(seccomp.inet) }, TypeError)
  assert.equal(seccomp.stdio.name, 'stdio')
})

test('index.d.ts declares exactly the groups of the library', () => {
  const declarations = fs.readFileSync(path.join(PACKAGE_ROOT, 'index.d.ts'), 'utf8')
  const declared = [...declarations.matchAll(/^ {4}readonly (\w+): Group$/gm)].map((m) => m[1])
  assert.deepEqual(declared, libraryReport().groups.map((group) => group.name),
    'update the group properties of Seccomp in index.d.ts to match the library table')
})
