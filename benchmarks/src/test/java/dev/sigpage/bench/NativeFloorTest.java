package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The native anchor program builds, runs and prints its figures; its system call loop really enters the kernel
 * (a kernel entry costs more than a {@code lock xadd}, whatever the machine: no absolute threshold is checked).
 */
class NativeFloorTest {

    @Test
    void theSystemCallCostsMoreThanTheAtomic() {
        final NativeFloorFigures figures = NativeFloor.measure(20_000, 3);
        assertEquals(20_000, figures.iterations());
        assertEquals(3, figures.rounds());
        assertTrue(figures.xaddNs() > 0, "xadd=" + figures.xaddNs());
        assertTrue(
                figures.sigprocmaskNs() > figures.xaddNs(),
                "rt_sigprocmask=" + figures.sigprocmaskNs() + " xadd=" + figures.xaddNs());
        assertTrue(
                figures.tgkillHandlerNs() > figures.xaddNs(),
                "tgkill=" + figures.tgkillHandlerNs() + " xadd=" + figures.xaddNs());
    }

    @Test
    void parsesTheFiguresLineAmongOtherOutput() {
        final NativeFloorFigures figures = NativeFloor.parse(
                "noise\nsigfloor xadd_ns=5.250 rt_sigprocmask_ns=98.000 tgkill_handler_ns=970.500 iterations=10 rounds=3\n");
        assertEquals(5.25, figures.xaddNs());
        assertEquals(98.0, figures.sigprocmaskNs());
        assertEquals(970.5, figures.tgkillHandlerNs());
        assertEquals(98.0 / 5.25, figures.syscallOverXadd());
    }

    @Test
    void rejectsOutputWithoutAFiguresLine() {
        final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> NativeFloor.parse("sigfloor: rt_sigprocmask failed"));
        assertTrue(e.getMessage().contains("output=sigfloor: rt_sigprocmask failed"), e.getMessage());
    }

    @Test
    void rejectsRoundsOutOfRange() {
        final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NativeFloor.measure(10, 0));
        assertEquals("rounds must be in 1..101: rounds=0", e.getMessage());
    }
}
