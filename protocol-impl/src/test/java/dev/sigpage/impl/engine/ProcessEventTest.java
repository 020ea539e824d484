package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The wait status word of each event, as Linux's {@code wait} encodes it (glibc's {@code bits/waitstatus.h}:
 * {@code WEXITSTATUS(s) = (s & 0xff00) >> 8}, {@code WTERMSIG(s) = s & 0x7f}, {@code WIFSTOPPED(s)} when the low
 * byte is {@code 0x7f} with {@code WSTOPSIG(s) = WEXITSTATUS(s)}, {@code WIFCONTINUED(s)} when {@code s == 0xffff}).
 * The expected words are written out as literals.
 */
class ProcessEventTest {
    @Test
    void anExitCarriesTheLowByteOfItsStatusInBits8To15() {
        assertEquals(0x0000, new ProcessEvent(ProcessEvent.Kind.EXITED, 5, 0).waitStatus());
        assertEquals(0x0300, new ProcessEvent(ProcessEvent.Kind.EXITED, 5, 3).waitStatus());
        assertEquals(0xff00, new ProcessEvent(ProcessEvent.Kind.EXITED, 5, 255).waitStatus());
        assertEquals(0x0100, new ProcessEvent(ProcessEvent.Kind.EXITED, 5, 257).waitStatus(), "only the low byte");
    }

    @Test
    void aDeathBySignalCarriesTheSignalInTheLow7Bits() {
        assertEquals(0x09, new ProcessEvent(ProcessEvent.Kind.KILLED, 5, 9).waitStatus());
        assertEquals(0x0f, new ProcessEvent(ProcessEvent.Kind.KILLED, 5, 15).waitStatus());
    }

    @Test
    void aStopCarriesTheSignalAbove0x7f() {
        assertEquals(0x137f, new ProcessEvent(ProcessEvent.Kind.STOPPED, 5, 19).waitStatus());
        assertEquals(0x147f, new ProcessEvent(ProcessEvent.Kind.STOPPED, 5, 20).waitStatus());
    }

    @Test
    void aContinueIs0xffff() {
        assertEquals(0xffff, new ProcessEvent(ProcessEvent.Kind.CONTINUED, 5, 18).waitStatus());
    }
}
