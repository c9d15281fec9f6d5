// Reading files (sync, async, streams, directories) under stdio rpath.
const fs = require('node:fs')
const path = require('node:path')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.rpath)
const text = fs.readFileSync(__filename, 'utf8')
console.log('sync read', text.includes('under stdio rpath'))
console.log('directory lists me', fs.readdirSync(__dirname).includes(path.basename(__filename)))
console.log('stat size matches', fs.statSync(__filename).size === Buffer.byteLength(text))
fs.readFile(__filename, 'utf8', (error, again) => {
  console.log('async read (thread pool)', !error && again === text)
  let streamed = ''
  fs.createReadStream(__filename, 'utf8').on('data', (chunk) => { streamed += chunk })
    .on('end', () => console.log('stream read', streamed === text))
})
