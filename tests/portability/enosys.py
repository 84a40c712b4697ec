#!/usr/bin/python3
"""Runs a command as if on an old kernel: every system call Linux added after the floor answers
ENOSYS, which is what an older kernel answers for a number it does not know.

  enosys.py [--floor 3.10] -- COMMAND ARGS...   run COMMAND under the filter (children inherit it)
  enosys.py --list [--floor 3.10]               print "name version" of every filtered call

Uses libseccomp's Python binding (Debian: python3-seccomp), hence /usr/bin/python3.
"""
import errno
import os
import sys

# x86_64 system calls with the kernel release that added them, everything after 3.10 (CentOS 7,
# the oldest kernel a glibc 2.17 system runs). Numbers for the names libseccomp 2.5 does not know
# yet (451 and up are the same on every architecture).
ADDED = [
    ("sched_setattr", "3.14"), ("sched_getattr", "3.14"),
    ("renameat2", "3.15"),
    ("seccomp", "3.17"), ("getrandom", "3.17"), ("memfd_create", "3.17"), ("kexec_file_load", "3.17"),
    ("bpf", "3.18"),
    ("execveat", "3.19"),
    ("membarrier", "4.3"), ("userfaultfd", "4.3"),
    ("mlock2", "4.4"),
    ("copy_file_range", "4.5"),
    ("preadv2", "4.6"), ("pwritev2", "4.6"),
    ("pkey_mprotect", "4.9"), ("pkey_alloc", "4.9"), ("pkey_free", "4.9"),
    ("statx", "4.11"),
    ("io_pgetevents", "4.18"), ("rseq", "4.18"),
    ("pidfd_send_signal", "5.1"), ("io_uring_setup", "5.1"), ("io_uring_enter", "5.1"),
    ("io_uring_register", "5.1"),
    ("open_tree", "5.2"), ("move_mount", "5.2"), ("fsopen", "5.2"), ("fsconfig", "5.2"),
    ("fsmount", "5.2"), ("fspick", "5.2"),
    ("pidfd_open", "5.3"), ("clone3", "5.3"),
    ("openat2", "5.6"), ("pidfd_getfd", "5.6"),
    ("faccessat2", "5.8"),
    ("close_range", "5.9"),
    ("process_madvise", "5.10"),
    ("epoll_pwait2", "5.11"),
    ("mount_setattr", "5.12"),
    ("landlock_create_ruleset", "5.13"), ("landlock_add_rule", "5.13"),
    ("landlock_restrict_self", "5.13"),
    ("memfd_secret", "5.14"), ("quotactl_fd", "5.14"),
    ("process_mrelease", "5.15"),
    ("futex_waitv", "5.16"),
    ("set_mempolicy_home_node", "5.17"),
    (451, "6.5"),  # cachestat
    (452, "6.6"),  # fchmodat2
    (453, "6.6"),  # map_shadow_stack
    (454, "6.7"), (455, "6.7"), (456, "6.7"),  # futex_wake, futex_wait, futex_requeue
    (457, "6.8"), (458, "6.8"),  # statmount, listmount
    (459, "6.8"), (460, "6.8"), (461, "6.8"),  # lsm_get_self_attr, lsm_set_self_attr, lsm_list_modules
    (462, "6.10"),  # mseal
]


def newer_than(floor):
    key = lambda v: tuple(int(p) for p in v.split("."))
    return [(name, version) for name, version in ADDED if key(version) > key(floor)]


def main(argv):
    floor = "3.10"
    if "--floor" in argv:
        i = argv.index("--floor")
        floor = argv[i + 1]
        del argv[i:i + 2]
    calls = newer_than(floor)
    if argv[:1] == ["--list"]:
        for name, version in calls:
            print(name, version)
        return 0
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    import seccomp
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name, _ in calls:
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), name)
    rules.load()
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
