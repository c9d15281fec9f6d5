'use strict'
// HTTP server for bench/nodebench.py: node server.js ADDON_DIR plain|sandbox PROMISES
// Loads the addon in both modes; in sandbox mode pledges after listen(). Prints the port.
const http = require('node:http')
const [addonDir, mode, promises] = process.argv.slice(2)
const seccomp = require(addonDir)

const body = 'hello world\n'
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length })
  res.end(body)
})
process.on('SIGTERM', () => process.exit(0))
server.listen(0, '127.0.0.1', () => {
  if (mode === 'sandbox') seccomp.pledge(promises)
  process.stdout.write(`${server.address().port}\n`)
})
