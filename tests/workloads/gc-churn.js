// Heavy allocation: young and old generation GC, large objects, under stdio.
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
let kept = []
let total = 0
for (let round = 0; round < 40; round++) {
  const garbage = []
  for (let i = 0; i < 50000; i++) garbage.push({ round, i, text: 'x'.repeat(i % 64) })
  kept.push(new Array(100000).fill(round)) // large objects
  if (kept.length > 10) kept = kept.slice(5)
  total += garbage.length
}
const map = new Map()
for (let i = 0; i < 200000; i++) map.set('k' + i, { i })
console.log('allocated', total, 'kept', kept.length, 'map', map.size)
