// worker_threads: a Worker started after the call, exchanging messages, under stdio worker.
const { Worker } = require('node:worker_threads')
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio, seccomp.worker)
const worker = new Worker(`
  const { parentPort } = require('node:worker_threads')
  parentPort.on('message', (n) => {
    let a = 0, b = 1
    for (let i = 0; i < n; i++) [a, b] = [b, a + b]
    parentPort.postMessage(a)
  })
`, { eval: true })
worker.on('message', (fib) => { console.log('fib(50) from a worker:', fib); worker.terminate() })
worker.on('exit', () => console.log('worker exited'))
worker.postMessage(50)
