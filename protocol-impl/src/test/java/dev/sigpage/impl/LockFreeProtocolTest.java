package dev.sigpage.impl;

/** {@link ProtocolTest} on a kernel whose processes and threads queue realtime signals in the lock-free ring. */
class LockFreeProtocolTest extends ProtocolTest {
    @Override
    KernelConfig config() {
        return super.config().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
    }
}
