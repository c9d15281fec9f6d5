// crypto and zlib work on the libuv thread pool under stdio.
const crypto = require('node:crypto')
const zlib = require('node:zlib')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
crypto.pbkdf2('password', 'salt', 1000, 16, 'sha256', (error, key) => {
  console.log('pbkdf2', error ? error.code : key.toString('hex'))
  crypto.randomBytes(32, (error2, bytes) => {
    console.log('randomBytes', error2 ? error2.code : bytes.length)
    const input = Buffer.from('hello '.repeat(10000))
    zlib.gzip(input, (error3, packed) => {
      zlib.gunzip(packed, (error4, unpacked) => {
        console.log('gzip round trip', !error3 && !error4 && unpacked.equals(input), packed.length < input.length)
        console.log('sha256', crypto.createHash('sha256').update('abc').digest('hex'))
      })
    })
  })
})
