package dev.sigpage.impl;

/**
 * {@link RandomizedModelTest} on a kernel whose processes and threads queue realtime signals in the lock-free ring,
 * with half the operations per seed: every step snapshots each lock-free region too, which are larger than the
 * locked ones.
 */
class LockFreeRandomizedModelTest extends RandomizedModelTest {
    @Override
    KernelConfig config() {
        return super.config().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
    }

    @Override
    int ops() {
        return super.ops() / 2;
    }
}
