package dev.sigpage.conformance;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.engine.Machine;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserStack;

/** Modelled CPUs for scenarios that look at where frames go: an x86-64 register file and mapped stacks. */
public final class Machines {
    /** Lowest address of the main stack. */
    public static final long STACK_BASE = 0x7fff_f000_0000L;
    /** Size of the main stack. */
    public static final int STACK_SIZE = 0x1_0000;
    /** Lowest address of the alternate stack scenarios declare. */
    public static final long ALT_BASE = 0x5000_0000L;
    /** Size of that alternate stack. */
    public static final int ALT_SIZE = 0x4000;

    private Machines() {}

    /**
     * Gives the thread an x86-64 machine with the main stack and the alternate stack mapped.
     *
     * @param sys the thread
     * @return the machine
     */
    public static Machine x86(final Sys sys) {
        final RegisterFile regs =
                RegisterFile.zero(Arch.X86_64).with("rip", 0x40_1000L).with("rflags", 0x202L);
        final Machine m = new Machine(regs, UserStack.map(STACK_BASE, STACK_SIZE));
        m.map(UserStack.map(ALT_BASE, ALT_SIZE));
        sys.attachMachine(m);
        return m;
    }
}
