package dev.sigpage.frames;

import java.util.List;

/**
 * What an x86-64 machine's FP/vector state looks like to a signal frame: whether the CPU has XSAVE, the user
 * feature set (XCR0 less supervisor and not-yet-permitted dynamic features, as {@code fpu_user_cfg}), the
 * standard-format XSAVE size for it ({@code CPUID(0xD,0).EBX}), each enabled component's standard offset and
 * size ({@code CPUID(0xD,i).EBX/EAX}), and {@code MXCSR_MASK}. Read these off the machine; nothing here is fixed
 * to one CPU.
 *
 * @param xsave      whether the CPU has XSAVE (else the frame holds the 512-byte FXSAVE image only)
 * @param xfeatures  the user feature bits; x87 and SSE (bits 0 and 1) always with XSAVE
 * @param userSize   standard XSAVE size for {@code xfeatures}, 512 without XSAVE
 * @param components one entry per enabled feature bit from 2 up, lowest bit first
 * @param mxcsrMask  the MXCSR bits the CPU supports (FXSAVE's MXCSR_MASK: 0xffff, 0x2ffff on AMD with MM; 0xffbf
 *                   when the CPU reports 0)
 */
public record X86_64XsaveFeatures(
        boolean xsave, long xfeatures, int userSize, List<Component> components, int mxcsrMask) {
    /** Size of the FXSAVE legacy region. */
    public static final int LEGACY_LENGTH = 512;
    /** Size of the XSAVE header that follows it. */
    public static final int HEADER_LENGTH = 64;
    /** x87 and SSE: always in the user feature set with XSAVE. */
    public static final long FP_SSE = 0x3;
    /** The feature bits this model knows: x87, SSE, AVX, MPX (2), AVX-512 (3), PKRU, AMX TILECFG/TILEDATA, APX. */
    public static final long KNOWN = 0x3L | 0x4L | 0x18L | 0xE0L | 0x200L | 0x60000L | 0x80000L;

    /**
     * One XSAVE state component at its standard-format offset.
     *
     * @param bit    the feature bit (2 and up)
     * @param offset {@code CPUID(0xD,bit).EBX}
     * @param size   {@code CPUID(0xD,bit).EAX}
     */
    public record Component(int bit, int offset, int size) {}

    /**
     * Validates the feature set.
     *
     * @throws IllegalArgumentException naming the value: unknown feature bits, x87/SSE missing, a size or a
     *                                  component that does not fit, components that do not match the bits
     */
    public X86_64XsaveFeatures {
        components = List.copyOf(components);
        if (!xsave) {
            if (xfeatures != FP_SSE || userSize != LEGACY_LENGTH || !components.isEmpty()) {
                throw new IllegalArgumentException(
                        "without XSAVE the features are x87|SSE in 512 bytes: xfeatures=" + Hex.of(xfeatures));
            }
        } else {
            if ((xfeatures & ~KNOWN) != 0) {
                throw new IllegalArgumentException(
                        "xfeatures must be known user features " + Hex.of(KNOWN) + ": xfeatures=" + Hex.of(xfeatures));
            }
            if ((xfeatures & FP_SSE) != FP_SSE) {
                throw new IllegalArgumentException(
                        "xfeatures must include x87 and SSE (0x3): xfeatures=" + Hex.of(xfeatures));
            }
            long expected = xfeatures & ~FP_SSE;
            int end = LEGACY_LENGTH + HEADER_LENGTH;
            int previousBit = 1;
            for (final Component c : components) {
                if (c.bit() <= previousBit || (expected & (1L << c.bit())) == 0) {
                    throw new IllegalArgumentException(
                            "components must be the xfeatures bits from 2 up, in order:" + " bit=" + c.bit());
                }
                if (c.offset() < LEGACY_LENGTH + HEADER_LENGTH || c.size() <= 0 || c.offset() + c.size() > userSize) {
                    throw new IllegalArgumentException("component must lie inside the XSAVE area of " + userSize
                            + " bytes after the header: offset=" + c.offset());
                }
                expected &= ~(1L << c.bit());
                end = Math.max(end, c.offset() + c.size());
                previousBit = c.bit();
            }
            if (expected != 0) {
                throw new IllegalArgumentException(
                        "every xfeatures bit from 2 up needs a component: bit=" + Long.numberOfTrailingZeros(expected));
            }
            if (userSize != end) {
                throw new IllegalArgumentException(
                        "userSize must end at the last component (" + end + "): userSize=" + userSize);
            }
        }
        if ((mxcsrMask & ~0x3FFFF) != 0 || (mxcsrMask & 0xFFBF) != 0xFFBF) {
            throw new IllegalArgumentException("mxcsrMask must hold 0xffbf and nothing above bit 17 (AMD's MM):"
                    + " mxcsrMask="
                    + Hex.of(mxcsrMask & 0xFFFF_FFFFL));
        }
    }

    /**
     * A CPU without XSAVE: the frame holds a 512-byte FXSAVE image.
     *
     * @return the features
     */
    public static X86_64XsaveFeatures fxsrOnly() {
        return new X86_64XsaveFeatures(false, FP_SSE, LEGACY_LENGTH, List.of(), 0xFFFF);
    }

    /**
     * x87, SSE and AVX (XCR0 = 0x7, 832 bytes, AVX at 576): what every AVX2-class CPU without AVX-512 or PKU has.
     * The default.
     *
     * @return the features
     */
    public static X86_64XsaveFeatures avx() {
        return new X86_64XsaveFeatures(true, 0x7, 832, List.of(new Component(2, 576, 256)), 0xFFFF);
    }

    /** @return the FP area's size in the frame: {@code userSize + 4} (magic2) with XSAVE, 512 without */
    public int frameSize() {
        return xsave ? userSize + Integer.BYTES : LEGACY_LENGTH;
    }
}
