package dev.sigpage.impl;

import static dev.sigpage.impl.Pages.unchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import org.junit.jupiter.api.Test;

/**
 * An alternate stack must end at or below the top of the 64-bit address space: {@code ss_sp + ss_size} is the
 * address the first frame is placed below, and 2^64 does not fit in 64 bits.
 */
class AltStackTest {
    @Test
    void aStackEndingExactlyAt2To64IsRefusedAndNothingChanges() {
        final ModelThread t = new Kernel().spawn(0, 0).mainThread();
        final long size = 0x4000;
        final SignalException e =
                unchanged(SignalException.class, () -> t.sigaltstack(new AltStack(-size, size, 0)), t.process());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("ss_size", e.valueName());
        assertTrue(t.sigaltstack(null).isDisabled());
    }

    @Test
    void aStackWrappingPast2To64IsRefused() {
        final ModelThread t = new Kernel().spawn(0, 0).mainThread();
        final SignalException e = unchanged(
                SignalException.class,
                () -> t.sigaltstack(new AltStack(0xFFFF_FFFF_FFFF_F000L, 0x10_0000L, 0)),
                t.process());
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void aStackEndingJustBelow2To64IsAccepted() {
        final ModelThread t = new Kernel().spawn(0, 0).mainThread();
        final long size = 0x4000;
        t.sigaltstack(new AltStack(-size - 16, size, 0));
        assertEquals(-size - 16, t.sigaltstack(null).base());
    }
}
