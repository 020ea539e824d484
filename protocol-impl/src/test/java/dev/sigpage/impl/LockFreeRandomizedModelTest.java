package dev.sigpage.impl;

/** {@link RandomizedModelTest} on a kernel whose processes and threads queue realtime signals in the lock-free ring. */
class LockFreeRandomizedModelTest extends RandomizedModelTest {
    @Override
    KernelConfig config() {
        return super.config().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
    }
}
