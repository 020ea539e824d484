package dev.sigpage.frames;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the project's Linux frame probe (src/test/resources/harness/linux_frame.c): natively on x86-64, where the
 * real kernel builds the frame, and under qemu-user for AArch64 and RISC-V. Compiled here, statically, without a
 * libc ({@link FreestandingBuild}). See the source's header for its commands.
 */
final class LinuxProbe {
    /** The probe's main stack region [MAIN_LO, MAIN_LO + REGION). */
    static final long MAIN_LO = 0x2000_0000L;
    /** The probe's alternate stack region. */
    static final long ALT_LO = 0x1000_0000L;
    /** Size of each region. */
    static final long REGION = 0x1_0000L;
    /** The exit status of a probe killed by SIGSEGV, as Java reports it. */
    static final int KILLED_BY_SIGSEGV = 128 + 11;

    private static final Map<Arch, LinuxProbe> PROBES = new EnumMap<>(Arch.class);

    private final Arch arch;
    private final Path binary;
    private final List<String> runner;

    private LinuxProbe(final Arch arch, final Path binary, final List<String> runner) {
        this.arch = arch;
        this.binary = binary;
        this.runner = runner;
    }

    /** sa_flags bits the scenarios use, from the Linux uapi headers (FRAMES.md). */
    static final long SA_SIGINFO = 0x4;
    /** Deliver on the alternate stack. */
    static final long SA_ONSTACK = 0x0800_0000;
    /** Restart an interrupted system call. */
    static final long SA_RESTART = 0x1000_0000;

    /**
     * One delivery as the probe's command line describes it: how the signal is raised ({@code tgkill},
     * {@code queue}, or {@code block}: an interval timer interrupting a read) and the thread's state.
     */
    record Scenario(String name, String send, int sig, long flags, long samask, long mask, long sp, LinuxAltStack alt) {
        @Override
        public String toString() {
            return name;
        }

        /**
         * The probe's arguments.
         *
         * @param fill   the byte both regions are filled with first
         * @param dumpLo the first address dumped
         * @param dumpHi the end of the dump, or 0 for none
         * @return the arguments, ending with {@code go}
         */
        List<String> args(final int fill, final long dumpLo, final long dumpHi) {
            final List<String> a = new ArrayList<>(List.of(
                    "fill",
                    hex(fill),
                    "sig",
                    Integer.toString(sig),
                    "send",
                    send,
                    "flags",
                    hex(flags),
                    "samask",
                    hex(samask),
                    "mask",
                    hex(mask),
                    "sp",
                    hex(sp)));
            if (alt != null) {
                a.addAll(List.of("alt", hex(alt.sp()), hex(alt.size()), hex(alt.flags() & 0xFFFF_FFFFL)));
            }
            if (dumpHi != 0) {
                a.addAll(List.of("dump", hex(dumpLo), hex(dumpHi)));
            }
            a.add("go");
            return a;
        }

        /** The region the frame lands in: the alternate stack's when delivered there or already on it. */
        long regionLo() {
            return alt != null && (flags & SA_ONSTACK) != 0 || sp < MAIN_LO ? ALT_LO : MAIN_LO;
        }

        /** The siginfo the probe's send makes, with the sender's pid and uid as the run reported them. */
        LinuxSigInfo sigInfo(final int pid, final int uid) {
            if (send.equals("block")) {
                return LinuxSigInfo.of(LinuxSigInfo.SI_KERNEL, 0, 0, 0);
            }
            if (send.equals("queue")) {
                final byte[] raw = LinuxSigInfo.of(LinuxSigInfo.SI_QUEUE, pid, uid, 0x1122334455667788L)
                        .kernelBytes();
                Arrays.fill(raw, 32, 48, (byte) 0x77);
                return LinuxSigInfo.raw(raw);
            }
            return LinuxSigInfo.tkill(pid, uid);
        }

        private static String hex(final long v) {
            return "0x" + Long.toHexString(v);
        }
    }

    /** What one probe run printed. */
    record Output(Tools.Result result, Map<String, Long> values, long memAddress, byte[] mem) {
        long get(final String key) {
            final Long v = values.get(key);
            if (v == null) {
                throw new AssertionError(
                        "probe did not report " + key + ":\n" + result.stdout() + "\n" + result.stderr());
            }
            return v;
        }

        boolean has(final String key) {
            return values.containsKey(key);
        }
    }

    Arch arch() {
        return arch;
    }

    /** The probe's exit status when its interval timer fired before the read it should interrupt. */
    private static final int RACED = 3;

    private static final int ATTEMPTS = 5;

    Output run(final List<String> args) {
        Output out = runOnce(args);
        for (int i = 1; i < ATTEMPTS && out.result().exitCode() == RACED; i++) {
            out = runOnce(args);
        }
        return out;
    }

    private Output runOnce(final List<String> args) {
        final List<String> cmd = new ArrayList<>(runner);
        cmd.add(binary.toString());
        cmd.addAll(args);
        final Tools.Result r = Tools.run(cmd);
        final HarnessOutput out = HarnessOutput.parse("probe", r);
        final List<HarnessOutput.Dump> dumps = out.dumps();
        final HarnessOutput.Dump last =
                dumps.isEmpty() ? new HarnessOutput.Dump(0, new byte[0]) : dumps.get(dumps.size() - 1);
        return new Output(r, out.values(), last.address(), last.bytes());
    }

    static synchronized LinuxProbe of(final Arch arch) {
        final LinuxProbe cached = PROBES.get(arch);
        if (cached != null) {
            return cached;
        }
        final Path binary = FreestandingBuild.build(arch, "linux_frame");
        final List<String> runner = switch (arch) {
            case X86_64 -> List.of();
            // ARMv8.0 without SVE/SME: the record set the kernel writes on such hardware (qemu's default
            // "max" CPU would add SVE, TPIDR2 and ZA records).
            case AARCH64 ->
                List.of(Tools.require("qemu-aarch64-static", "qemu-user-static").toString(), "-cpu", "cortex-a57");
            case RISCV64 ->
                List.of(Tools.require("qemu-riscv64-static", "qemu-user-static").toString());
        };
        final LinuxProbe probe = new LinuxProbe(arch, binary, runner);
        PROBES.put(arch, probe);
        return probe;
    }
}
