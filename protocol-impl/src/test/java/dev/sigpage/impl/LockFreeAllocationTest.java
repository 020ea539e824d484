package dev.sigpage.impl;

/** {@link AllocationTest} on a kernel whose processes and threads queue realtime signals in the lock-free ring. */
class LockFreeAllocationTest extends AllocationTest {
    @Override
    KernelConfig config() {
        return super.config().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
    }
}
