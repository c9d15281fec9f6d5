// The seed's own example: seccomp(stdio), then console.log prints and the process goes on.
const seccomp = require('node-seccomp')
const { stdio } = seccomp
seccomp(stdio)
console.log('writing to stdout!')
setTimeout(() => console.log('still running'), 10)
