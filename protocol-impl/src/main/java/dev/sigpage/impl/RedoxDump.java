package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Raw Redox pages in and out of the model, under a {@link Profile#REDOX} kernel: the bytes of a process page
 * ({@code SigProcControl}) and of a thread region ({@code Sigcontrol}) exactly as redox-rt and procmgr read and
 * write them.
 *
 * <p>Export copies the model's buffers (under {@link Profile#REDOX} they are kept in Redox's encoding) and checks
 * that the copy passes {@link RedoxDumpCheck}, so redox-rt's decoder reads every action as the model means it.
 *
 * <p>Import checks every given dump first ({@link RedoxDumpCheck}); only when all pass does it write them, byte for
 * byte, so a refused import changes nothing. What Redox keeps outside the pages is rebuilt: each pending realtime
 * bit gets one queued instance (procmgr's queue is not in the page; its value reads 0), and each pending standard
 * signal reads {@link SigInfo#SI_USER}. Import is a quiescent operation: no thread of the target may run, claim or
 * send meanwhile (as a debugger writes a stopped process's memory); a full fence publishes the bytes afterwards.
 */
public final class RedoxDump {
    private RedoxDump() {}

    /**
     * The action codec of a Redox kernel.
     *
     * @param kernel the kernel
     * @return its codec
     * @throws IllegalStateException if the kernel's profile is not REDOX
     */
    public static RedoxActionCodec codecOf(final Kernel kernel) {
        final ProfileRules rules = kernel.rules();
        if (!(rules instanceof RedoxRules)) {
            throw new IllegalStateException("Redox pages need a REDOX kernel: profile=" + rules.profile());
        }
        return ((RedoxRules) rules).codec();
    }

    /**
     * The address of redox-rt's default handler in a process page dump: the handler bits of SIGKILL's action,
     * which redox-rt's start-up writes and nothing changes. Use it to configure the kernel that imports the dump.
     *
     * @param page a 4096-byte process page
     * @return the address
     * @throws DumpRefusedException if the page has the wrong size
     */
    public static long defaultHandlerOf(final byte[] page) {
        if (page.length != ProcessControlDescriptor.LENGTH) {
            throw new DumpRefusedException(
                    RedoxDumpCheck.PROCESS_PAGE,
                    "a process page is 4096 bytes",
                    Math.min(page.length, ProcessControlDescriptor.LENGTH),
                    page.length);
        }
        return RedoxDumpCheck.word(page, ProcessControlDescriptor.actionFirstOffset(Signals.SIGKILL))
                & ProcessControlDescriptor.HANDLER_MASK;
    }

    /**
     * The process page's bytes.
     *
     * @param process a process of a REDOX kernel
     * @return 4096 bytes
     * @throws IllegalStateException if the kernel is not REDOX, or the page would not read as intended
     */
    public static byte[] processPage(final ModelProcess process) {
        final RedoxActionCodec codec = codecOf(process.kernel);
        final byte[] bytes = new byte[ProcessControlDescriptor.LENGTH];
        process.page.getBytes(0, bytes);
        try {
            RedoxDumpCheck.checkProcessPage(bytes, codec);
        } catch (final DumpRefusedException e) {
            throw new IllegalStateException("the model's page is not a Redox page: " + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * The thread region's bytes.
     *
     * @param thread a thread of a REDOX kernel
     * @return 296 bytes
     * @throws IllegalStateException if the kernel is not REDOX, or the region would not read as intended
     */
    public static byte[] threadRegion(final ModelThread thread) {
        codecOf(thread.kernel);
        final byte[] bytes = new byte[ThreadControlDescriptor.LENGTH];
        thread.region.getBytes(0, bytes);
        try {
            RedoxDumpCheck.checkThreadRegion(bytes);
        } catch (final DumpRefusedException e) {
            throw new IllegalStateException("the model's region is not a Redox region: " + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * Imports a process page and, optionally, one thread's region: both are checked before either is written.
     *
     * @param process the process whose page is replaced
     * @param page    4096 bytes
     * @param thread  a live thread of the process whose region is replaced, or null
     * @param region  296 bytes, or null when {@code thread} is null
     * @throws DumpRefusedException     if a dump breaks a rule (nothing written)
     * @throws IllegalStateException    if the kernel is not REDOX or the process has exited
     * @throws IllegalArgumentException if the thread is not a live thread of the process
     */
    public static void load(
            final ModelProcess process, final byte[] page, final ModelThread thread, final byte[] region) {
        Objects.requireNonNull(page, "page");
        final RedoxActionCodec codec = codecOf(process.kernel);
        process.checkAlive();
        if (thread != null) {
            process.own(thread, "thread");
            Objects.requireNonNull(region, "region");
        }
        RedoxDumpCheck.checkProcessPage(page, codec);
        if (thread != null) {
            RedoxDumpCheck.checkThreadRegion(region);
        }
        process.page.putBytes(0, page);
        rebuildQueues(process.queue, process.control.pendingWord(), process.queue::putStandardInfo);
        if (thread != null) {
            thread.region.putBytes(0, region);
            rebuildQueues(thread.queue, thread.threadPendingBits(), thread.queue::putStandardInfo);
        }
        // full fence: the imported bytes, written plainly, are published before any later send or claim.
        VarHandle.fullFence();
    }

    /**
     * Imports one thread's region.
     *
     * @param thread the thread
     * @param region 296 bytes
     * @throws DumpRefusedException  if the dump breaks a rule (nothing written)
     * @throws IllegalStateException if the kernel is not REDOX or the thread has exited
     */
    public static void loadThread(final ModelThread thread, final byte[] region) {
        Objects.requireNonNull(region, "region");
        codecOf(thread.kernel);
        thread.checkAlive();
        RedoxDumpCheck.checkThreadRegion(region);
        thread.region.putBytes(0, region);
        rebuildQueues(thread.queue, thread.threadPendingBits(), thread.queue::putStandardInfo);
        // full fence: see load.
        VarHandle.fullFence();
    }

    private interface StandardInfo {
        void put(int sig, int code, long value);
    }

    private static void rebuildQueues(final RealtimeQueue queue, final long pending, final StandardInfo info) {
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (!Signals.isValid(sig)) {
                continue;
            }
            final boolean isPending = (pending & Signals.bit(sig)) != 0;
            if (Signals.isRealtime(sig)) {
                queue.lock();
                try {
                    queue.clearLocked(sig);
                    if (isPending) {
                        queue.offerLocked(sig, 0L, 0L, SigInfo.SI_QUEUE);
                    }
                } finally {
                    queue.unlock();
                }
            } else {
                // a pending instance owns its info slot until claimed; a clear bit leaves the slot free.
                queue.setStandardSlotOwned(sig, isPending);
                if (isPending) {
                    info.put(sig, SigInfo.SI_USER, 0L);
                }
            }
        }
    }
}
