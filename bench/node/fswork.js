'use strict'
// File-system workload for bench/nodebench.py:
//   node fswork.js ADDON_DIR plain|sandbox PROMISES sync|async DIR ROUNDS
// Per round, FILES small files: write (create), stat, read, rename, unlink, plus one readdir.
// sync: the fs *Sync calls on the main thread; async: fs.promises through libuv's thread pool,
// 16 files at a time. One warm-up round, then ROUNDS timed rounds in SEGMENTS equal segments;
// prints the operations/s of the fastest segment (the least disturbed by other processes) and
// the operations per CPU-second of the process (all threads) of its most efficient segment.
const fs = require('node:fs')
const path = require('node:path')
const [addonDir, mode, promises, kind, dir, roundsArg] = process.argv.slice(2)
const seccomp = require(addonDir)

const FILES = 200
const SEGMENTS = 5
const CONCURRENCY = 16
const rounds = Number(roundsArg)
const data = Buffer.alloc(1024, 'x')
const names = Array.from({ length: FILES }, (_, i) => path.join(dir, `f${i}`))
const moved = names.map((n) => `${n}.moved`)
const OPS_PER_ROUND = FILES * 5 + 1

function roundSync () {
  for (const n of names) fs.writeFileSync(n, data)
  for (const n of names) fs.statSync(n)
  for (const n of names) fs.readFileSync(n)
  fs.readdirSync(dir)
  for (let i = 0; i < FILES; i++) fs.renameSync(names[i], moved[i])
  for (const n of moved) fs.unlinkSync(n)
}

async function eachLimited (items, fn) {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(items.slice(i, i + CONCURRENCY).map(fn))
  }
}

async function roundAsync () {
  const p = fs.promises
  await eachLimited(names, (n) => p.writeFile(n, data))
  await eachLimited(names, (n) => p.stat(n))
  await eachLimited(names, (n) => p.readFile(n))
  await p.readdir(dir)
  await eachLimited(names.map((n, i) => i), (i) => p.rename(names[i], moved[i]))
  await eachLimited(moved, (n) => p.unlink(n))
}

async function main () {
  if (mode === 'sandbox') seccomp.pledge(promises)
  const round = kind === 'sync' ? roundSync : roundAsync
  await round()
  const perSegment = Math.max(1, Math.floor(rounds / SEGMENTS))
  const ops = OPS_PER_ROUND * perSegment
  let best = 0
  let bestCpu = 0
  for (let s = 0; s < SEGMENTS; s++) {
    const c0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    for (let r = 0; r < perSegment; r++) await round()
    const ns = Number(process.hrtime.bigint() - t0)
    const cpu = process.cpuUsage(c0)
    best = Math.max(best, ops * 1e9 / ns)
    bestCpu = Math.max(bestCpu, ops * 1e6 / (cpu.user + cpu.system))
  }
  // operations per second of wall time; operations per CPU-second (all threads, user + system)
  process.stdout.write(`${best.toFixed(0)} ${bestCpu.toFixed(0)}\n`)
}

main()
