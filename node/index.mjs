// ESM entry point: `import seccomp from 'node-seccomp'`. The same frozen function as require()
// returns; its groups are properties of it (seccomp.stdio), read from the library at load time,
// so they cannot be listed here as named exports.
import seccomp from './index.js'

export default seccomp
export const { pledge, groups, version } = seccomp
