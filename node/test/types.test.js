'use strict'
// index.d.ts: a strict TypeScript check of code that uses the whole API (test/types/*.ts),
// including the mistakes it must reject (@ts-expect-error: spreading or copying a group, a
// wrong penalty...). typescript is a devDependency.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const path = require('node:path')

const { PACKAGE_ROOT } = require('./support/child.js')

test('tsc --noEmit --strict accepts the typed usage and rejects the mistakes', () => {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [PACKAGE_ROOT] })
  const project = path.join(__dirname, 'types', 'tsconfig.json')
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8' })
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`)
})
