// Timers, immediates, ticks and promises in the libuv loop under stdio.
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
const order = []
setTimeout(() => order.push('timeout 20'), 20)
setTimeout(() => order.push('timeout 0'), 0)
setImmediate(() => order.push('immediate'))
process.nextTick(() => order.push('tick'))
Promise.resolve().then(() => order.push('promise'))
let n = 0
const interval = setInterval(() => { if (++n === 3) { clearInterval(interval); order.push('interval x3') } }, 5)
setTimeout(() => console.log(order.join(', ')), 100)
