// Type definitions for node-seccomp: pledge for Linux, in Node.js.
// The groups are read from libnodeseccomp at load time; the names below mirror its table
// (test/types.test.js checks that they match the library).

/**
 * A group of libnodeseccomp's table: syscalls together with their argument checks
 * (openat only read-only, socket only AF_INET/AF_INET6...). Only the frozen objects that
 * node-seccomp exports are groups: a copy (`{ ...seccomp.stdio }`) is not one, and a group
 * cannot be spread into an array (`[...seccomp.stdio]` throws), because either would lose
 * its argument checks. Pass the group itself.
 */
declare class NodeSeccompGroup {
  #private
  private constructor ()
  /** The group's name in the library's table ("stdio"). */
  readonly name: string
  /** One line saying what the group allows. */
  readonly description: string
  /** The groups it includes directly (inet includes netio). */
  readonly includes: readonly string[]
  toString (): string
}

declare namespace seccomp {
  /** A group (see NodeSeccompGroup). */
  type Group = NodeSeccompGroup

  /** What happens to a syscall the policy does not allow. */
  type Penalty = 'kill' | 'errno' | 'log' | 'diagnose' | 'learn'

  /** An errno by name (a key of os.constants.errno, such as 'EPERM') or number (1..4095). */
  type Errno = string | number

  interface Options {
    /** 'kill' (default): the kernel kills the process with SIGSYS. 'errno': the syscall fails
     * with `errno` (EPERM unless given). 'log': allowed, but logged by the kernel's audit log.
     * 'diagnose': stderr names the blocked syscall and the group that would allow it, then
     * SIGSYS. 'learn': nothing is blocked; at exit stderr lists what the policy lacked. */
    penalty?: Penalty
    /** The errno of the 'errno' penalty. Only with penalty: 'errno'. */
    errno?: Errno
    /** Syscalls that fail with their own errno whatever the groups say: { bind: 'EADDRINUSE' }. */
    errnos?: { readonly [syscall: string]: Errno }
  }

  /** A syscall name ('write') or a group. */
  type Rule = string | Group

  /** One argument of seccomp(): an array of syscall names and groups, or a group. */
  type Argument = readonly Rule[] | Group

  interface Version {
    /** The version of libnodeseccomp that is running. */
    readonly library: string
    /** The version of this package. */
    readonly addon: string
  }

  /** The errors node-seccomp throws carry a code (and, for ERR_SECCOMP_LOAD, an errno). */
  interface SeccompError extends Error {
    code:
      | 'ERR_INVALID_ARG_TYPE'
      | 'ERR_INVALID_ARG_VALUE'
      | 'ERR_MISSING_ARGS'
      | 'ERR_SECCOMP_LOAD'
      | 'ERR_SECCOMP_GROUP_NOT_ITERABLE'
      | 'ERR_MEMORY_ALLOCATION_FAILED'
    /** ERR_SECCOMP_LOAD only: the positive errno the library or the kernel answered. */
    errno?: number
  }

  interface Seccomp {
    /**
     * Allow these syscalls and groups, plus the `node` baseline, in this process and all its
     * threads; any other syscall gets the penalty (default: the process is killed by SIGSYS).
     * Irreversible. The last argument may be an options object.
     */
    (...args: Argument[]): void
    (...args: [...Argument[], Options]): void

    /** The same from a pledge string of group and syscall names: pledge('stdio rpath inet'). */
    pledge (promises: string, options?: Options): void

    /** Every group of the library's table, in table order. */
    readonly groups: readonly Group[]
    readonly version: Version

    /** Part of every policy: loading a narrower filter; ENOSYS for clone3, openat2, io_uring. */
    readonly always: Group
    readonly stdio: Group
    readonly rpath: Group
    readonly wpath: Group
    readonly cpath: Group
    readonly dpath: Group
    readonly tmppath: Group
    readonly fattr: Group
    readonly chown: Group
    readonly flock: Group
    readonly tty: Group
    readonly netio: Group
    readonly inet: Group
    readonly unix: Group
    readonly dns: Group
    readonly sendfd: Group
    readonly recvfd: Group
    readonly proc: Group
    readonly exec: Group
    readonly prot_exec: Group
    readonly id: Group
    readonly settime: Group
    /** The Node.js runtime baseline, always included. */
    readonly node: Group
    readonly worker: Group
  }
}

declare const seccomp: seccomp.Seccomp

export = seccomp
