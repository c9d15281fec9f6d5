// dns.lookup (getaddrinfo on the thread pool) of localhost under stdio dns.
const dns = require('node:dns')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.dns)
dns.lookup('localhost', { family: 4 }, (error, address, family) => {
  console.log(error ? error.code : `${address} ${family}`)
})
