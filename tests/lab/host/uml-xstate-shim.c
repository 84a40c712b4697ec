/*
 * Loaded into user-mode Linux with LD_PRELOAD by lab.sh, on hosts where UML cannot boot without it.
 *
 * Why: UML saves and restores each guest task's FPU state with ptrace(PTRACE_GETREGSET /
 * PTRACE_SETREGSET, NT_X86_XSTATE) using a buffer of the size it was built for. The host kernel
 * takes a SETREGSET of the XSAVE area only when the buffer is exactly the host's full size, and on a
 * CPU with larger state (AVX-512, AMX tiles) that size is bigger than UML's buffer: every set fails
 * with EFAULT, and init dies at once ("userspace - ptrace set fp regs failed, errno = 14").
 *
 * What: for those two requests only, each UML buffer gets a full-size shadow. A get fills the shadow
 * from the task and hands UML the part it knows; a set writes UML's part over the shadow and sets the
 * whole area, so the state UML does not know (the upper AVX-512 registers) is kept per task instead
 * of leaking from whichever task ran last. Every other ptrace request goes straight to the kernel,
 * as glibc's own wrapper would send it.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

static size_t host_size; /* the host's full XSAVE area; 0 until learned */

struct shadow {
    void *uml;           /* UML's buffer for one task */
    unsigned char *full; /* the whole area for that task */
    struct shadow *next;
};
#define BUCKETS 4096
static struct shadow *table[BUCKETS];

static long raw_ptrace(long request, pid_t pid, void *addr, void *data) {
    return syscall(SYS_ptrace, request, pid, addr, data);
}

static void learn_host_size(pid_t pid) {
    static unsigned char probe[1 << 16];
    struct iovec iov = { probe, sizeof probe };
    if (raw_ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) == 0) host_size = iov.iov_len;
}

/* The shadow of UML's buffer, made on first use; *fresh says whether it holds no state yet. */
static struct shadow *shadow_of(void *uml, int *fresh) {
    size_t bucket = ((uintptr_t)uml >> 4) % BUCKETS;
    for (struct shadow *s = table[bucket]; s; s = s->next)
        if (s->uml == uml) { *fresh = 0; return s; }
    struct shadow *s = calloc(1, sizeof *s);
    if (!s || !(s->full = calloc(1, host_size))) { free(s); return NULL; }
    s->uml = uml;
    s->next = table[bucket];
    table[bucket] = s;
    *fresh = 1;
    return s;
}

static long xstate(long request, pid_t pid, struct iovec *iov) {
    if (host_size == 0) learn_host_size(pid);
    if (host_size == 0 || iov->iov_len >= host_size) return raw_ptrace(request, pid, (void *)NT_X86_XSTATE, iov);
    int fresh;
    struct shadow *s = shadow_of(iov->iov_base, &fresh);
    if (!s) { errno = ENOMEM; return -1; }
    struct iovec whole = { s->full, host_size };
    if (request == PTRACE_GETREGSET || fresh) {
        long r = raw_ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &whole);
        if (r < 0) return r;
        if (request == PTRACE_GETREGSET) {
            memcpy(iov->iov_base, s->full, iov->iov_len);
            return r;
        }
    }
    memcpy(s->full, iov->iov_base, iov->iov_len);
    whole.iov_len = host_size;
    return raw_ptrace(PTRACE_SETREGSET, pid, (void *)NT_X86_XSTATE, &whole);
}

long ptrace(enum __ptrace_request request, ...) {
    va_list ap;
    va_start(ap, request);
    pid_t pid = va_arg(ap, pid_t);
    void *addr = va_arg(ap, void *);
    void *data = va_arg(ap, void *);
    va_end(ap);
    if ((request == PTRACE_GETREGSET || request == PTRACE_SETREGSET) && (uintptr_t)addr == NT_X86_XSTATE)
        return xstate(request, pid, data);
    /* As glibc: the PEEK requests return the word read, the kernel stores it through data. */
    long word;
    int peek = request == PTRACE_PEEKTEXT || request == PTRACE_PEEKDATA || request == PTRACE_PEEKUSER;
    long r = raw_ptrace(request, pid, addr, peek ? &word : data);
    if (r >= 0 && peek) { errno = 0; return word; }
    return r;
}
