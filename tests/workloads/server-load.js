// A server under load for a few seconds: keep-alive clients on 127.0.0.1, every answer checked.
const http = require('node:http')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.inet)
const server = http.createServer((req, res) => res.end(req.url))
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
const deadline = Date.now() + 3000
let ok = 0
let bad = 0
function client (port, id) {
  if (Date.now() > deadline) return Promise.resolve()
  return new Promise((resolve) => {
    const path = `/${id}/${ok + bad}`
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = ''
      res.on('data', (c) => { body += c })
      res.on('end', () => { if (body === path) ok++; else bad++; resolve() })
    }).on('error', () => { bad++; resolve() })
  }).then(() => client(port, id))
}
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port
  await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((id) => client(port, id)))
  agent.destroy()
  server.close()
  console.log('requests answered correctly:', ok > 500 ? 'more than 500' : ok, 'wrong:', bad)
})
