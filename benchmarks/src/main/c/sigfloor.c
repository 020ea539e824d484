/*
 * The machine's physical anchors for the sigpage report (a standalone program, Linux only).
 *
 * Times three loops on the calling thread and prints one machine-readable line:
 *
 *   sigfloor xadd_ns=<f> rt_sigprocmask_ns=<f> tgkill_handler_ns=<f> iterations=<n> rounds=<r>
 *
 * 1. xadd: one `lock xadd` on an aligned 64-bit word per operation (inline assembly on x86-64, the
 *    compiler's __atomic_fetch_add elsewhere), the result folded into a sink so nothing is elided.
 * 2. rt_sigprocmask: the raw system call, alternately SIG_BLOCK and SIG_UNBLOCK of SIGUSR1. On x86-64 the
 *    `syscall` instruction is issued directly (no glibc wrapper, no errno handling); elsewhere syscall(2).
 * 3. tgkill_handler: the calling thread tgkill()s itself with SIGUSR1 whose handler increments a counter; one
 *    operation is the kernel entry, the frame set-up, the handler, and the rt_sigreturn through glibc's
 *    restorer. The counter is checked against the number of sends.
 *
 * Each figure is the median over `rounds` rounds of `iterations` operations, timed with CLOCK_MONOTONIC.
 * Usage: sigfloor [iterations] [rounds]. Exit status 0 on success, 1 on bad arguments, 2 on a failed call.
 *
 * Built at run time by dev.sigpage.bench.NativeFloor with gcc -O2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUNDS 101
#define KERNEL_SIGSET_BYTES 8

static volatile uint64_t word __attribute__((aligned(64)));
static volatile uint64_t sink;
static volatile long handled;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static inline uint64_t fetch_add(volatile uint64_t *target, uint64_t delta)
{
#if defined(__x86_64__)
    __asm__ volatile("lock xaddq %0, %1" : "+r"(delta), "+m"(*target) : : "memory");
    return delta;
#else
    return __atomic_fetch_add(target, delta, __ATOMIC_SEQ_CST);
#endif
}

static inline long raw_rt_sigprocmask(long how, const uint64_t *set, uint64_t *old)
{
#if defined(__x86_64__)
    long ret;
    register long r10 __asm__("r10") = KERNEL_SIGSET_BYTES;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"((long) SYS_rt_sigprocmask), "D"(how), "S"(set), "d"(old), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
#else
    return syscall(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_BYTES) == 0 ? 0 : -errno;
#endif
}

static void on_signal(int signo)
{
    (void) signo;
    handled++;
}

static double time_xadd(long iterations)
{
    uint64_t acc = 0;
    uint64_t start = now_ns();
    for (long i = 0; i < iterations; i++) {
        acc += fetch_add(&word, 1);
    }
    uint64_t elapsed = now_ns() - start;
    sink = acc;
    return (double) elapsed / (double) iterations;
}

static double time_sigprocmask(long iterations)
{
    const uint64_t usr1 = 1u << (SIGUSR1 - 1);
    uint64_t old = 0;
    uint64_t start = now_ns();
    for (long i = 0; i < iterations; i++) {
        if (raw_rt_sigprocmask((i & 1) ? SIG_UNBLOCK : SIG_BLOCK, &usr1, &old) != 0) {
            fprintf(stderr, "sigfloor: rt_sigprocmask failed\n");
            exit(2);
        }
    }
    uint64_t elapsed = now_ns() - start;
    sink = old;
    if ((iterations & 1) != 0) {
        raw_rt_sigprocmask(SIG_UNBLOCK, &usr1, &old);
    }
    return (double) elapsed / (double) iterations;
}

static double time_tgkill(long iterations)
{
    const pid_t pid = getpid();
    const pid_t tid = (pid_t) syscall(SYS_gettid);
    const long before = handled;
    uint64_t start = now_ns();
    for (long i = 0; i < iterations; i++) {
        if (syscall(SYS_tgkill, pid, tid, SIGUSR1) != 0) {
            fprintf(stderr, "sigfloor: tgkill failed: errno=%d\n", errno);
            exit(2);
        }
    }
    uint64_t elapsed = now_ns() - start;
    if (handled - before != iterations) {
        fprintf(stderr, "sigfloor: handler ran %ld times for %ld sends\n", handled - before, iterations);
        exit(2);
    }
    return (double) elapsed / (double) iterations;
}

static int compare(const void *a, const void *b)
{
    const double x = *(const double *) a;
    const double y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *values, int count)
{
    qsort(values, (size_t) count, sizeof *values, compare);
    return (count & 1) ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2.0;
}

static long argument(const char *text, long low, long high, const char *name)
{
    char *end = NULL;
    errno = 0;
    const long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < low || value > high) {
        fprintf(stderr, "sigfloor: %s must be in %ld..%ld: %s=%s\n", name, low, high, name, text);
        exit(1);
    }
    return value;
}

int main(int argc, char **argv)
{
    const long iterations = argc > 1 ? argument(argv[1], 1, 1000000000L, "iterations") : 1000000L;
    const int rounds = argc > 2 ? (int) argument(argv[2], 1, MAX_ROUNDS, "rounds") : 5;
    double xadd[MAX_ROUNDS];
    double mask[MAX_ROUNDS];
    double kill[MAX_ROUNDS];

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) {
        fprintf(stderr, "sigfloor: sigaction failed: errno=%d\n", errno);
        return 2;
    }
    /* One unmeasured round each warms the caches and the branch predictors. */
    time_xadd(iterations);
    time_sigprocmask(iterations);
    time_tgkill(iterations);
    for (int r = 0; r < rounds; r++) {
        xadd[r] = time_xadd(iterations);
        mask[r] = time_sigprocmask(iterations);
        kill[r] = time_tgkill(iterations);
    }
    printf("sigfloor xadd_ns=%.3f rt_sigprocmask_ns=%.3f tgkill_handler_ns=%.3f iterations=%ld rounds=%d\n",
           median(xadd, rounds), median(mask, rounds), median(kill, rounds), iterations, rounds);
    return 0;
}
