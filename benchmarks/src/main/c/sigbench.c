/*
 * Native side of the sigpage benchmarks (JNI, Linux only).
 *
 * 1. rt_sigprocmask through the raw system call (syscall(SYS_rt_sigprocmask, ...)), never glibc's
 *    pthread_sigmask wrapper, so every call is one kernel entry: the cost the shared-page protocol avoids.
 *    A JNI no-op with the same signature is the baseline that isolates the JNI transition.
 * 2. The Linux signal delivery latency: a waiter thread blocked in the kernel (sigwaitinfo, or sigsuspend with
 *    a handler), the calling thread tgkill()s it and CLOCK_MONOTONIC stamps are taken just before the tgkill,
 *    in the waiter when the signal arrives (one way), and in the sender when it sees the waiter's
 *    acknowledgement (round trip, the shape the Java DeliveryLatency benchmark measures).
 *
 * Built at run time by dev.sigpage.bench.NativeLibrary with gcc and the running JDK's include directory.
 */
#define _GNU_SOURCE
#include <jni.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The kernel's sigset_t is 64 bits on every 64-bit Linux architecture. */
#define KERNEL_SIGSET_BYTES 8

static void throw_state(JNIEnv *env, const char *rule, long value)
{
    char message[160];
    jclass type = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (type == NULL) {
        return;
    }
    snprintf(message, sizeof message, "%s: errno=%ld", rule, value);
    (*env)->ThrowNew(env, type, message);
}

JNIEXPORT jlong JNICALL Java_dev_sigpage_bench_LinuxSignals_rtSigprocmask(JNIEnv *env, jclass type, jint how,
                                                                          jlong set)
{
    uint64_t new_set = (uint64_t) set;
    uint64_t old_set = 0;
    (void) type;
    if (syscall(SYS_rt_sigprocmask, (int) how, &new_set, &old_set, KERNEL_SIGSET_BYTES) != 0) {
        throw_state(env, "rt_sigprocmask failed", errno);
        return 0;
    }
    return (jlong) old_set;
}

JNIEXPORT jlong JNICALL Java_dev_sigpage_bench_LinuxSignals_noop(JNIEnv *env, jclass type, jint how, jlong set)
{
    (void) env;
    (void) type;
    return set ^ how;
}

JNIEXPORT jint JNICALL Java_dev_sigpage_bench_LinuxSignals_gettid(JNIEnv *env, jclass type)
{
    (void) env;
    (void) type;
    return (jint) syscall(SYS_gettid);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Delivery latency.                                                                                           */

#define MODE_SIGWAITINFO 0
#define MODE_HANDLER 1

struct probe {
    int mode;
    int signo;
    volatile pid_t waiter_tid;
    volatile int stop;
    volatile long ready;       /* waiter: about to block for round n */
    volatile long received;    /* waiter: signal n observed */
    volatile int64_t received_at;
};

static struct probe *volatile current_probe;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_signal(int signo)
{
    struct probe *p = current_probe;
    (void) signo;
    if (p != NULL) {
        p->received_at = now_ns();
        __atomic_store_n(&p->received, p->received + 1, __ATOMIC_RELEASE);
    }
}

static void *waiter_main(void *arg)
{
    struct probe *p = arg;
    sigset_t only;
    sigset_t all_but;
    sigemptyset(&only);
    sigaddset(&only, p->signo);
    /* The signal stays blocked except inside sigsuspend, so it can only arrive while this thread is in the
       kernel. */
    pthread_sigmask(SIG_BLOCK, &only, NULL);
    pthread_sigmask(SIG_BLOCK, NULL, &all_but);
    sigdelset(&all_but, p->signo);
    __atomic_store_n(&p->waiter_tid, (pid_t) syscall(SYS_gettid), __ATOMIC_RELEASE);
    for (;;) {
        __atomic_store_n(&p->ready, p->ready + 1, __ATOMIC_RELEASE);
        if (p->mode == MODE_SIGWAITINFO) {
            siginfo_t info;
            int got;
            do {
                got = sigwaitinfo(&only, &info);
            } while (got < 0 && errno == EINTR);
            p->received_at = now_ns();
            __atomic_store_n(&p->received, p->received + 1, __ATOMIC_RELEASE);
        } else {
            sigsuspend(&all_but);
        }
        if (__atomic_load_n(&p->stop, __ATOMIC_ACQUIRE)) {
            return NULL;
        }
    }
}

static void settle(void)
{
    /* Long enough for the waiter to pass from 'ready' into the kernel and be descheduled. */
    struct timespec pause_for = {0, 200000};
    nanosleep(&pause_for, NULL);
}

/*
 * Runs 'samples' deliveries of 'signo' (after 'warmup' unrecorded ones) and fills oneWay[i] and roundTrip[i]
 * in nanoseconds. Returns the number of samples taken, or throws IllegalStateException.
 */
JNIEXPORT jint JNICALL Java_dev_sigpage_bench_LinuxSignals_deliveryLatency(JNIEnv *env, jclass type, jint mode,
                                                                          jint signo, jint warmup,
                                                                          jlongArray oneWay,
                                                                          jlongArray roundTrip)
{
    struct probe p;
    struct sigaction handler;
    struct sigaction previous;
    pthread_t waiter;
    jint samples = (*env)->GetArrayLength(env, oneWay);
    jlong *one_way;
    jlong *round_trip;
    long round;
    int failure = 0;
    (void) type;

    if ((*env)->GetArrayLength(env, roundTrip) != samples || warmup < 0) {
        throw_state(env, "oneWay and roundTrip must have the same length and warmup must be >= 0", samples);
        return 0;
    }
    memset(&p, 0, sizeof p);
    p.mode = mode;
    p.signo = signo;
    current_probe = &p;
    if (mode == MODE_HANDLER) {
        memset(&handler, 0, sizeof handler);
        handler.sa_handler = on_signal;
        sigemptyset(&handler.sa_mask);
        if (sigaction(signo, &handler, &previous) != 0) {
            throw_state(env, "sigaction failed", errno);
            return 0;
        }
    }
    if (pthread_create(&waiter, NULL, waiter_main, &p) != 0) {
        throw_state(env, "pthread_create failed", errno);
        return 0;
    }
    while (__atomic_load_n(&p.waiter_tid, __ATOMIC_ACQUIRE) == 0) {
        sched_yield();
    }

    one_way = (*env)->GetLongArrayElements(env, oneWay, NULL);
    round_trip = (*env)->GetLongArrayElements(env, roundTrip, NULL);
    for (round = 1; round <= (long) warmup + samples && !failure; round++) {
        int64_t sent_at;
        int64_t seen_at;
        int64_t deadline;
        while (__atomic_load_n(&p.ready, __ATOMIC_ACQUIRE) < round) {
            sched_yield();
        }
        settle();
        sent_at = now_ns();
        if (syscall(SYS_tgkill, getpid(), p.waiter_tid, signo) != 0) {
            failure = errno;
            break;
        }
        deadline = sent_at + 5000000000LL;
        while (__atomic_load_n(&p.received, __ATOMIC_ACQUIRE) < round) {
            if (now_ns() > deadline) {
                failure = ETIMEDOUT;
                break;
            }
        }
        seen_at = now_ns();
        if (round > warmup && !failure) {
            one_way[round - warmup - 1] = p.received_at - sent_at;
            round_trip[round - warmup - 1] = seen_at - sent_at;
        }
    }
    (*env)->ReleaseLongArrayElements(env, oneWay, one_way, 0);
    (*env)->ReleaseLongArrayElements(env, roundTrip, round_trip, 0);

    __atomic_store_n(&p.stop, 1, __ATOMIC_RELEASE);
    if (!failure) {
        while (__atomic_load_n(&p.ready, __ATOMIC_ACQUIRE) < round) {
            sched_yield();
        }
        syscall(SYS_tgkill, getpid(), p.waiter_tid, signo);
        pthread_join(waiter, NULL);
    } else {
        /* a stuck waiter cannot be joined safely; it is left blocked with the signal masked */
        pthread_detach(waiter);
    }
    current_probe = NULL;
    if (mode == MODE_HANDLER && !failure) {
        /* after a failure the handler stays installed (it ignores a NULL probe): a late signal to the stuck
           waiter must not meet the default action, which would end the JVM */
        sigaction(signo, &previous, NULL);
    }
    if (failure) {
        throw_state(env, "delivery latency probe failed", failure);
        return 0;
    }
    return samples;
}
