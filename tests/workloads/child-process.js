// child_process spawning a real binary; the child runs under the same filter, so the policy
// also holds what /bin/echo and its dynamic loader need: rpath, exec, prot_exec.
const { execFile } = require('node:child_process')
const seccomp = require('node-seccomp')
seccomp.pledge('stdio rpath proc exec prot_exec')
execFile('/bin/echo', ['hello from a child'], (error, stdout) => {
  console.log(error ? error.code : stdout.trim())
})
