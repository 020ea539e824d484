package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A no-delivery section opened by a handler and still open when it returns stays open after the return (the
 * section's depth is the thread's, not the handler's): nothing is delivered until the section ends, under either
 * profile. Under REDOX the trampoline sets the kernel's inhibit flag around the handler's return and clears it when
 * it is back at {@code saved_ip} only when no section of the thread is open: clearing it then would end the section
 * early.
 */
class InhibitSectionAcrossHandlerTest {
    private static Sys attach(final Profile profile) {
        final Engine engine = new Engine(new Kernel(KernelConfig.defaults().withProfile(profile)), WaitStrategy.park());
        return engine.spawn(1000, 1000).attach();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSectionLeftOpenByAHandlerDefersDeliveryToItsEnd(final Profile profile) {
        final Sys sys = attach(profile);
        final List<String> log = new ArrayList<>();
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    ctx.sys().inhibitDelivery();
                    log.add("usr1");
                },
                SignalSet.empty(),
                0);
        sys.sigaction(SIGUSR2, (sig, info, ctx) -> log.add("usr2"), SignalSet.empty(), 0);

        sys.raise(SIGUSR1);
        assertTrue(sys.thread().deliveryInhibited(), "the section the handler opened is open");
        assertEquals(1, sys.thread().inhibitDepth());
        sys.raise(SIGUSR2);
        log.add("raised");
        sys.allowDelivery();
        log.add("allowed");

        assertEquals(List.of("usr1", "raised", "usr2", "allowed"), log);
        assertEquals(SignalSet.empty(), sys.mask());
    }

    /** The common case, for contrast: a handler that opens and ends its own section leaves delivery allowed. */
    @Test
    void aSectionEndedInsideTheHandlerLeavesDeliveryAllowedUnderRedox() {
        final Sys sys = attach(Profile.REDOX);
        final List<String> log = new ArrayList<>();
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    ctx.sys().inhibitDelivery();
                    ctx.sys().allowDelivery();
                    log.add("usr1");
                },
                SignalSet.empty(),
                0);
        sys.sigaction(SIGUSR2, (sig, info, ctx) -> log.add("usr2"), SignalSet.empty(), 0);

        sys.raise(SIGUSR1);
        sys.raise(SIGUSR2);
        log.add("raised");

        assertEquals(List.of("usr1", "usr2", "raised"), log);
        assertEquals(false, sys.thread().deliveryInhibited());
    }
}
