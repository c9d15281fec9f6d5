// The ESM entry point, type-checked only.
import seccomp from 'node-seccomp'

export function typed (): void {
  seccomp(seccomp.stdio, ['getdents64'])
  seccomp.pledge('stdio')
  const names: readonly string[] = seccomp.groups.map((g) => g.name)
  void names
}
