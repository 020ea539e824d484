package dev.sigpage.impl;

/** {@link ConcurrentSoakTest} on a kernel whose processes and threads queue realtime signals in the lock-free ring. */
class LockFreeConcurrentSoakTest extends ConcurrentSoakTest {
    @Override
    KernelConfig config() {
        return super.config().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
    }
}
