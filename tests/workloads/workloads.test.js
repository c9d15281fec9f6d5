'use strict'
// Real Node programs (tests/workloads/*.js), each calling seccomp() with the groups it declares,
// each run in its own child process; each must end with status 0 and exactly the output in
// NAME.expected (written from a run without the sandbox). Run by node/test/run.sh, which sets
// NODE_SECCOMP_PACKAGE to the built package.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { runFile, describeEnd } = require(path.join(process.env.NODE_SECCOMP_PACKAGE, 'test', 'support', 'child.js'))

const workloads = fs.readdirSync(__dirname).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js')).sort()

test('there are workloads', () => assert.ok(workloads.length >= 12, workloads.join(' ')))

for (const file of workloads) {
  const name = path.basename(file, '.js')
  const expected = fs.readFileSync(path.join(__dirname, `${name}.expected`), 'utf8')
  test(`workload ${name}`, async () => {
    const result = await runFile(path.join(__dirname, file))
    assert.deepEqual({ status: result.status, signal: result.signal, stdout: result.stdout },
      { status: 0, signal: null, stdout: expected }, describeEnd(result))
  })
}
