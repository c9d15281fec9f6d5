// A JIT-hot loop: V8 compiles and optimises (executable memory, through the node group).
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
function collatzSteps (n) { let s = 0; while (n !== 1) { n = n % 2 ? 3 * n + 1 : n / 2; s++ } return s }
let best = 0
let at = 0
for (let i = 1; i < 300000; i++) { const s = collatzSteps(i); if (s > best) { best = s; at = i } }
console.log('longest Collatz chain below 300000 starts at', at, 'with', best, 'steps')
