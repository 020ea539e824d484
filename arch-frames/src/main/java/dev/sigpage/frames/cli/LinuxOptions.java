package dev.sigpage.frames.cli;

import dev.sigpage.frames.LinuxAltStack;
import dev.sigpage.frames.LinuxSigInfo;
import dev.sigpage.frames.LinuxSignalContext;
import dev.sigpage.frames.Variant;
import dev.sigpage.frames.X86_64XsaveFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The linux variant's options: the handler's sigaction, the thread's state and the machine's features. */
final class LinuxOptions {
    /** Options given at most once. */
    static final Set<String> SINGLE = Set.of(
            "sa-flags",
            "sa-mask",
            "altstack",
            "siginfo",
            "siginfo-hex",
            "syscall-origin",
            "fault",
            "selectors",
            "xfeatures",
            "xsave-size",
            "xsave",
            "mxcsr-mask",
            "sve-vl");

    private static final Set<String> DELIVERY_ONLY =
            Set.of("sa-flags", "sa-mask", "altstack", "siginfo", "siginfo-hex", "syscall-origin", "fault", "selectors");

    private LinuxOptions() {}

    /** Refuses any linux option with another variant. */
    static void requireAbsent(final Options o, final Variant variant) {
        for (final String name : SINGLE) {
            if (o.has(name)) {
                throw new UsageException("only the linux variant takes --" + name + ": variant=" + variant.cliName());
            }
        }
        if (!o.all("xcomponent").isEmpty()) {
            throw new UsageException("only the linux variant takes --xcomponent: variant=" + variant.cliName());
        }
    }

    static LinuxSignalContext context(final Options o, final boolean delivery) {
        if (!delivery) {
            for (final String name : DELIVERY_ONLY) {
                if (o.has(name)) {
                    throw new UsageException("restore and dump take only the machine's features: option=--" + name);
                }
            }
        }
        final LinuxSignalContext.Builder b = LinuxSignalContext.builder();
        if (o.has("sa-flags")) {
            b.saFlags(o.number("sa-flags"));
        }
        if (o.has("sa-mask")) {
            b.saMask(o.number("sa-mask"));
        }
        if (o.has("altstack")) {
            final String[] p = parts("altstack", o.string("altstack"), 2, 3);
            final long flags = p.length > 2 ? Options.number("altstack", p[2]) : 0;
            if (flags > 0xFFFF_FFFFL) {
                throw new UsageException("altstack flags must fit 32 bits: altstack=" + o.string("altstack"));
            }
            b.altStack(
                    new LinuxAltStack(Options.number("altstack", p[0]), (int) flags, Options.number("altstack", p[1])));
        }
        if (o.has("siginfo") && o.has("siginfo-hex")) {
            throw new UsageException(
                    "give --siginfo or --siginfo-hex, not both: siginfo-hex=" + o.string("siginfo-hex"));
        }
        if (o.has("siginfo")) {
            final String[] p = parts("siginfo", o.string("siginfo"), 3, 4);
            b.sigInfo(LinuxSigInfo.of(
                    (int) signed32("siginfo", p[0]),
                    (int) unsigned32("siginfo", p[1]),
                    (int) unsigned32("siginfo", p[2]),
                    p.length > 3 ? Options.number("siginfo", p[3]) : 0));
        }
        if (o.has("siginfo-hex")) {
            final byte[] raw = Options.hexBytes("siginfo-hex", o.string("siginfo-hex"));
            if (raw.length != LinuxSigInfo.KERNEL_LENGTH) {
                throw new UsageException(
                        "siginfo-hex must be the kernel's 48 bytes: siginfo-hex=" + o.string("siginfo-hex"));
            }
            b.sigInfo(LinuxSigInfo.raw(raw));
        }
        if (o.has("syscall-origin")) {
            b.syscallOrigin(o.number("syscall-origin"));
        }
        if (o.has("fault")) {
            final String[] p = parts("fault", o.string("fault"), 3, 3);
            b.fault(Options.number("fault", p[0]), Options.number("fault", p[1]), Options.number("fault", p[2]));
        }
        if (o.has("selectors")) {
            final String[] p = parts("selectors", o.string("selectors"), 2, 2);
            b.selectors((int) unsigned32("selectors", p[0]), (int) unsigned32("selectors", p[1]));
        }
        b.xsave(xsave(o));
        if (o.has("sve-vl")) {
            b.sveVectorLength((int) unsigned32("sve-vl", o.string("sve-vl")));
        }
        return b.build();
    }

    private static X86_64XsaveFeatures xsave(final Options o) {
        final int mxcsrMask = o.has("mxcsr-mask") ? (int) unsigned32("mxcsr-mask", o.string("mxcsr-mask")) : 0xFFFF;
        final String xsave = o.string("xsave", "yes");
        if (!xsave.equals("yes") && !xsave.equals("no")) {
            throw new UsageException("xsave must be yes or no: xsave=" + xsave);
        }
        if (xsave.equals("no")) {
            if (o.has("xfeatures")
                    || o.has("xsave-size")
                    || !o.all("xcomponent").isEmpty()) {
                throw new UsageException("--xsave no takes no XSAVE features: xsave=" + xsave);
            }
            return new X86_64XsaveFeatures(
                    false, X86_64XsaveFeatures.FP_SSE, X86_64XsaveFeatures.LEGACY_LENGTH, List.of(), mxcsrMask);
        }
        if (!o.has("xfeatures") && !o.has("xsave-size") && o.all("xcomponent").isEmpty()) {
            final X86_64XsaveFeatures avx = X86_64XsaveFeatures.avx();
            return new X86_64XsaveFeatures(true, avx.xfeatures(), avx.userSize(), avx.components(), mxcsrMask);
        }
        final List<X86_64XsaveFeatures.Component> components = new ArrayList<>();
        for (final String c : o.all("xcomponent")) {
            final String[] p = parts("xcomponent", c, 3, 3);
            components.add(new X86_64XsaveFeatures.Component(
                    (int) unsigned32("xcomponent", p[0]), (int) unsigned32("xcomponent", p[1]), (int)
                            unsigned32("xcomponent", p[2])));
        }
        return new X86_64XsaveFeatures(
                true,
                o.number("xfeatures"),
                (int) unsigned32("xsave-size", o.string("xsave-size")),
                components,
                mxcsrMask);
    }

    private static String[] parts(final String name, final String text, final int min, final int max) {
        final String[] p = text.split(":", -1);
        if (p.length < min || p.length > max) {
            throw new UsageException(name + " must have " + min + (min == max ? "" : " to " + max)
                    + " colon-separated numbers: " + name + "=" + text);
        }
        return p;
    }

    private static long unsigned32(final String name, final String text) {
        final long v = Options.number(name, text);
        if (v > 0x7FFF_FFFFL) {
            throw new UsageException("number must be in 0..2^31-1: " + name + "=" + text);
        }
        return v;
    }

    /** A 32-bit value, negative ones written with a leading minus (si_code -6). */
    private static long signed32(final String name, final String text) {
        final long v = text.startsWith("-") ? -Options.number(name, text.substring(1)) : Options.number(name, text);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw new UsageException("number must fit 32 bits: " + name + "=" + text);
        }
        return v;
    }
}
