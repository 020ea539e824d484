package dev.sigpage.impl.report;

import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.Machine;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserStack;
import dev.sigpage.impl.engine.WaitStrategy;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The report's scenarios that need the delivery engine over the profile's kernel: what a delivery leaves in the
 * thread's region. Each runs synchronously on the calling Java thread.
 */
final class EngineScenarios {
    private static final long INTERRUPTED_RIP = 0x40_2000L;
    private static final long INTERRUPTED_RFLAGS = 0x202L;

    private EngineScenarios() {}

    static void addTo(final List<Scenario> l) {
        l.add(new Scenario(
                "engine: a handler's delivery, saved_ip and saved_archdep_reg",
                "how the kernel enters a handler is the implementation's (2.4.3)",
                true,
                "Redox's kernel saves rip and rflags when it diverts the thread",
                EngineScenarios::divertedDelivery));
    }

    /** The saved registers after a delivery, and the inhibit flag as the handler saw it. */
    private static String divertedDelivery(final Kernel k) {
        final EngineProcess p = new Engine(k, WaitStrategy.park()).spawn(1000, 1000);
        final Sys sys = p.attach();
        final AtomicBuffer region = p.model().mainThread().region();
        sys.attachMachine(new Machine(
                RegisterFile.zero(Arch.X86_64).with("rip", INTERRUPTED_RIP).with("rflags", INTERRUPTED_RFLAGS),
                UserStack.map(0x7fff_f000_0000L, 0x1_0000)));
        final List<Long> flagInHandler = new ArrayList<>();
        // plain reads: the handler runs on this Java thread, the region's only writer.
        sys.sigaction(
                Signals.SIGUSR1,
                (sig, info, ctx) -> flagInHandler.add(region.getLong(ThreadControlDescriptor.CONTROL_FLAGS_OFFSET)),
                SignalSet.empty(),
                0);
        sys.raise(Signals.SIGUSR1);
        return "0x" + Long.toHexString(region.getLong(ThreadControlDescriptor.SAVED_IP_OFFSET)) + " 0x"
                + Long.toHexString(region.getLong(ThreadControlDescriptor.SAVED_ARCH_REGISTER_OFFSET))
                + " flag in handler " + flagInHandler;
    }
}
