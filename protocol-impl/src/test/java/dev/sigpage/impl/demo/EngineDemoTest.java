package dev.sigpage.impl.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.impl.engine.HandlerTable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link EngineDemo} and checks each scene against the rule it shows: a read interrupted by a handler
 * installed without SA_RESTART fails with EINTR even when the signal comes between registering as a waiter and
 * parking; an x86-64 handler is entered as the System V ABI and FRAMES.md say, and sigreturn resumes the
 * interrupted code with the frame's (possibly edited) registers; a Redox scheme call cancelled by a signal returns
 * the server's early answer. Only what holds in every interleaving is checked: in the last scene the server's and
 * the caller's lines come from different threads.
 */
class EngineDemoTest {
    private static final String REPLAY = "== a signal sent after the reader registered as a waiter";
    private static final String FRAME = "== an x86-64 frame on a modelled stack";
    private static final String CANCEL = "== a scheme call cancelled by a signal";
    private static final int SIGUSR1 = 10;
    // the demo's machine: stack mapped at 0x7fff_f000_0000, 64 KiB; rip 0x402000, rax 7 when interrupted
    private static final long STACK_TOP = 0x7fff_f000_0000L + 0x1_0000;
    private static final long RED_ZONE = 128;

    private static int indexOf(final List<String> lines, final String regex, final int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void printsEverySceneOnceInOrder() throws Exception {
        final List<String> headers = DemoOutput.capture(EngineDemo::main).headers();
        assertEquals(3, headers.size(), headers::toString);
        assertTrue(headers.get(0).startsWith(REPLAY), headers::toString);
        assertTrue(headers.get(1).startsWith(FRAME), headers::toString);
        assertTrue(headers.get(2).startsWith(CANCEL), headers::toString);
    }

    @Test
    void aSignalBetweenRegisteringAndParkingInterruptsTheRead() throws Exception {
        final List<String> lines = DemoOutput.capture(EngineDemo::main).section(REPLAY);
        final int waiting = indexOf(lines, "\\s*reader: .* -> wait", 0);
        final int sent = indexOf(lines, "\\s*script: tgkill SIGUSR1", 0);
        final int delivered = indexOf(lines, "\\s*reader: .* -> deliver:SIGUSR1", 0);
        assertTrue(waiting >= 0 && waiting < sent && sent < delivered, lines::toString);
        assertTrue(indexOf(lines, "\\s*reader: .* -> sigreturn:SIGUSR1", delivered) > delivered, lines::toString);
        // the handler was installed without SA_RESTART: the read fails with EINTR, the wake-up is not lost.
        assertEquals("  outcome: EINTR", lines.get(lines.size() - 1), lines::toString);
    }

    @Test
    void theHandlerIsEnteredOnTheFrameAndSigreturnRestoresTheEditedRegisters() throws Exception {
        final String section =
                String.join("\n", DemoOutput.capture(EngineDemo::main).section(FRAME));
        final Matcher entry = Pattern.compile(
                        "frame at 0x(\\p{XDigit}+), entry rip=0x(\\p{XDigit}+) rsp=0x(\\p{XDigit}+)"
                                + " rdi=(\\d+), saved rax=(-?\\d+) mask=0x(\\p{XDigit}+)")
                .matcher(section);
        assertTrue(entry.find(), section);
        final long frame = Long.parseUnsignedLong(entry.group(1), 16);
        final long rsp = Long.parseUnsignedLong(entry.group(3), 16);
        // the only handler registered: the first address of the model's text segment
        assertEquals(HandlerTable.FIRST_ADDRESS, Long.parseUnsignedLong(entry.group(2), 16), section);
        // FRAMES.md: rsp is the frame, below the red zone, with rsp % 16 == 8 at entry; rdi is the signal
        assertEquals(frame, rsp, section);
        assertEquals(8, rsp % 16, section);
        assertTrue(frame < STACK_TOP - RED_ZONE, section);
        assertEquals(SIGUSR1, Integer.parseInt(entry.group(4)), section);
        // the frame saves the interrupted registers and mask (nothing was blocked)
        assertEquals(7, Long.parseLong(entry.group(5)), section);
        assertEquals(0, Long.parseUnsignedLong(entry.group(6), 16), section);

        final Matcher after = Pattern.compile("after sigreturn: rip=0x(\\p{XDigit}+) rsp=0x(\\p{XDigit}+) rax=(-?\\d+)")
                .matcher(section);
        assertTrue(after.find(), section);
        // back where it was interrupted, on the stack it had, with the rax the handler wrote into the frame
        assertEquals(0x40_2000L, Long.parseUnsignedLong(after.group(1), 16), section);
        assertEquals(STACK_TOP, Long.parseUnsignedLong(after.group(2), 16), section);
        assertEquals(42, Long.parseLong(after.group(3)), section);
    }

    @Test
    void aCancelledSchemeCallReturnsTheServersEarlyAnswer() throws Exception {
        final List<String> lines = DemoOutput.capture(EngineDemo::main).section(CANCEL);
        final String section = String.join("\n", lines);
        final Matcher request =
                Pattern.compile("server: request (\\d+) arg 10 \\(held\\)").matcher(section);
        assertTrue(request.find(), section);
        // the signal cancels the held request; the server answers it early with 3
        final Matcher cancel = Pattern.compile("server: cancellation of request (\\d+), answering 3 of 10")
                .matcher(section);
        assertTrue(cancel.find(), section);
        assertEquals(request.group(1), cancel.group(1), section);
        assertTrue(request.start() < cancel.start(), section);
        // the handler runs, and the call returns the early answer, not EINTR (printed after the caller ended)
        final int handler = indexOf(lines, "\\s*caller: handler runs", 0);
        assertTrue(handler >= 0, section);
        assertEquals(lines.size() - 1, indexOf(lines, "\\s*caller: call returned 3", handler), section);
    }
}
