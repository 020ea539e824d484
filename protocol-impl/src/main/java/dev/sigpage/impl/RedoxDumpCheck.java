package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The rules a dump of a Redox process page ({@code SigProcControl}, 4096 bytes) or thread region
 * ({@code Sigcontrol}, 296 bytes on 64-bit targets; i686's 284-byte region is out of scope) must satisfy to be read
 * into the model. Each check reads only the bytes; the first broken rule is thrown as a {@link DumpRefusedException}
 * naming the field's offset and value.
 *
 * <p>Process page: padding (8-15) and the unused tail (1296-4095) zero; SIGKILL and SIGSTOP never pending
 * (procmgr acts on them at send time); signal 32 neither pending nor changed from its start-up action (the model
 * has no signal 32); every action's {@code first} word decodes ({@link RedoxActionCodec#whyUndecodable}); the
 * actions of SIGKILL and SIGSTOP as redox-rt's start-up wrote them. Thread region: control flags hold only
 * {@code INHIBIT_DELIVERY} (bit 0, the only flag of syscall's {@code SigcontrolFlags}); SIGKILL and SIGSTOP never
 * pending and always allowed; signal 32 never pending.
 */
public final class RedoxDumpCheck {
    /** The region name of a process page. */
    public static final String PROCESS_PAGE = "process page";
    /** The region name of a thread region. */
    public static final String THREAD_REGION = "thread region";

    private static final long NEVER_PENDING = Signals.UNBLOCKABLE_BITS;
    private static final long SIG32 = Signals.bit(Signals.RESERVED);

    private RedoxDumpCheck() {}

    static long word(final byte[] bytes, final int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    /**
     * Checks a process page dump.
     *
     * @param page  the bytes
     * @param codec the codec of the dumped process (its default-handler address)
     * @throws DumpRefusedException for the first rule the dump breaks
     */
    public static void checkProcessPage(final byte[] page, final RedoxActionCodec codec) {
        if (page.length != ProcessControlDescriptor.LENGTH) {
            throw new DumpRefusedException(
                    PROCESS_PAGE,
                    "a process page is 4096 bytes",
                    Math.min(page.length, ProcessControlDescriptor.LENGTH),
                    page.length);
        }
        final int pending = ProcessControlDescriptor.PENDING_OFFSET;
        final long p = word(page, pending);
        if ((p & NEVER_PENDING) != 0) {
            throw new DumpRefusedException(PROCESS_PAGE, "SIGKILL and SIGSTOP are never pending", pending, p);
        }
        if ((p & SIG32) != 0) {
            throw new DumpRefusedException(PROCESS_PAGE, "signal 32 pending is outside the model", pending, p);
        }
        for (int offset = pending + Long.BYTES;
                offset < ProcessControlDescriptor.ACTIONS_OFFSET;
                offset += Long.BYTES) {
            checkZero(page, offset, "padding must be 0");
        }
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            final int at = ProcessControlDescriptor.actionFirstOffset(sig);
            final long first = word(page, at);
            final String why = codec.whyUndecodable(first);
            if (why != null) {
                throw new DumpRefusedException(PROCESS_PAGE, why + " (" + Signals.name(sig) + ")", at, first);
            }
            if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP || sig == Signals.RESERVED) {
                if (first != codec.freshFirst(sig)) {
                    throw new DumpRefusedException(
                            PROCESS_PAGE,
                            "the action of " + Signals.name(sig) + " must be the start-up default handler 0x"
                                    + Long.toHexString(codec.freshFirst(sig)),
                            at,
                            first);
                }
                final int userData = ProcessControlDescriptor.actionUserDataOffset(sig);
                checkZero(page, userData, "the mask of " + Signals.name(sig) + " must be 0");
            }
        }
        for (int offset = ProcessControlDescriptor.USED_LENGTH;
                offset < ProcessControlDescriptor.LENGTH;
                offset += Long.BYTES) {
            checkZero(page, offset, "the unused part of the page must be 0");
        }
    }

    /**
     * Checks a thread region dump.
     *
     * @param region the bytes
     * @throws DumpRefusedException for the first rule the dump breaks
     */
    public static void checkThreadRegion(final byte[] region) {
        if (region.length != ThreadControlDescriptor.LENGTH) {
            throw new DumpRefusedException(
                    THREAD_REGION,
                    "a thread region is 296 bytes",
                    Math.min(region.length, ThreadControlDescriptor.LENGTH),
                    region.length);
        }
        final int w0 = ThreadControlDescriptor.WORD_0_OFFSET;
        final long word0 = word(region, w0);
        if ((word0 & NEVER_PENDING) != 0) {
            throw new DumpRefusedException(THREAD_REGION, "SIGKILL and SIGSTOP are never pending", w0, word0);
        }
        if ((word0 & SIG32) != 0) {
            throw new DumpRefusedException(THREAD_REGION, "signal 32 pending is outside the model", w0, word0);
        }
        if ((~word0 & (NEVER_PENDING << ThreadControlDescriptor.ALLOW_SHIFT)) != 0) {
            throw new DumpRefusedException(THREAD_REGION, "SIGKILL and SIGSTOP are always allowed", w0, word0);
        }
        final int flagsAt = ThreadControlDescriptor.CONTROL_FLAGS_OFFSET;
        final long flags = word(region, flagsAt);
        if ((flags & ~ThreadControlDescriptor.INHIBIT_DELIVERY_FLAG) != 0) {
            throw new DumpRefusedException(
                    THREAD_REGION, "control flags other than INHIBIT_DELIVERY are reserved", flagsAt, flags);
        }
    }

    private static void checkZero(final byte[] bytes, final int offset, final String rule) {
        final long v = word(bytes, offset);
        if (v != 0) {
            throw new DumpRefusedException(PROCESS_PAGE, rule, offset, v);
        }
    }
}
