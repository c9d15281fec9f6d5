// Type-checked only (tsc --noEmit --strict by test/types.test.js), never run: every call here
// would load a filter.
import seccomp = require('node-seccomp')

export function typed (): void {
  const { stdio, inet, proc } = seccomp

  seccomp(['write', 'read'], ['accept'])
  seccomp(stdio)
  seccomp(stdio, inet, proc)
  seccomp(stdio, ['getdents64', inet])
  seccomp(stdio, { penalty: 'errno', errno: 'EACCES' })
  seccomp(stdio, inet, { errnos: { bind: 'EADDRINUSE', connect: 13 } })
  seccomp.pledge('stdio rpath inet')
  seccomp.pledge('stdio', { penalty: 'log' })

  const group: seccomp.Group = seccomp.node
  const names: string[] = seccomp.groups.map((g) => g.name)
  const included: readonly string[] = seccomp.worker.includes
  const library: string = seccomp.version.library
  const addon: string = seccomp.version.addon
  const options: seccomp.Options = { penalty: 'kill' }
  void [group, names, included, library, addon, options]

  try {
    seccomp(['wirte'])
  } catch (error) {
    const e = error as seccomp.SeccompError
    const code: string = e.code
    const errno: number | undefined = e.errno
    void [code, errno]
  }

  // @ts-expect-error a group is not iterable: spreading it would lose its argument checks
  seccomp([...stdio])
  // @ts-expect-error a copy of a group is not a group
  seccomp({ ...stdio })
  // @ts-expect-error nor is an object that looks like one
  seccomp([{ name: 'stdio', description: '', includes: [] }])
  // @ts-expect-error groups are read-only
  seccomp.stdio = inet
  // @ts-expect-error the penalty is one of three
  seccomp(stdio, { penalty: 'explode' })
  // @ts-expect-error syscall names are strings
  seccomp([42])
  // @ts-expect-error the pledge string is a string
  seccomp.pledge(['stdio'])
}
