// The seed's http scenario: an http server and a client on 127.0.0.1 exchange "hello world".
const http = require('node:http')
const seccomp = require('node-seccomp')
const { stdio, inet, proc } = seccomp
seccomp(stdio, inet, proc)
const server = http.createServer((req, res) => res.end('hello world'))
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/' }, (res) => {
    let body = ''
    res.on('data', (chunk) => { body += chunk })
    res.on('end', () => { console.log(res.statusCode, body); server.close() })
  })
})
