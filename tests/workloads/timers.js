// Timers, immediates, ticks and promises in the libuv loop under stdio. Only orders Node
// guarantees are printed: an immediate set from a timer callback runs before later timers.
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
const order = []
setTimeout(() => order.push('timeout 300'), 300)
setTimeout(() => {
  order.push('timeout 0')
  setImmediate(() => order.push('immediate'))
}, 0)
process.nextTick(() => order.push('tick'))
Promise.resolve().then(() => order.push('promise'))
let n = 0
const interval = setInterval(() => { if (++n === 3) { clearInterval(interval); order.push('interval x3') } }, 5)
setTimeout(() => console.log(order.join(', ')), 400)
