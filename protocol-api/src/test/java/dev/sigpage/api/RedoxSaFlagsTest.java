package dev.sigpage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * relibc's {@code sa_flags} and their page bits, as literals: relibc's values from {@code src/header/signal/redox.rs}
 * and {@code constants.rs}, redox-rt's {@code STORED_FLAGS} (0xfe00_0000) and {@code IGNORED} (0x8000_0000), stored
 * shifted up by 32; Linux's values from {@code asm-generic/signal-defs.h} and {@code asm/signal.h}.
 */
class RedoxSaFlagsTest {

    // Linux's values, from its headers (not from SaFlags, whose values are what the mapping is checked against).
    private static final int LINUX_NOCLDSTOP = 0x0000_0001;
    private static final int LINUX_NOCLDWAIT = 0x0000_0002;
    private static final int LINUX_SIGINFO = 0x0000_0004;
    private static final int LINUX_RESTORER = 0x0400_0000;
    private static final int LINUX_ONSTACK = 0x0800_0000;
    private static final int LINUX_RESTART = 0x1000_0000;
    private static final int LINUX_NODEFER = 0x4000_0000;
    private static final int LINUX_RESETHAND = 0x8000_0000;
    private static final int LINUX_UNSUPPORTED = 0x0000_0400;

    @Test
    void relibcValues() {
        assertEquals(0x0000_0002, RedoxSaFlags.SA_NOCLDWAIT);
        assertEquals(0x0000_0004, RedoxSaFlags.SA_RESTORER);
        assertEquals(0x0200_0000, RedoxSaFlags.SA_SIGINFO);
        assertEquals(0x0400_0000, RedoxSaFlags.SA_ONSTACK);
        assertEquals(0x0800_0000, RedoxSaFlags.SA_RESTART);
        assertEquals(0x1000_0000, RedoxSaFlags.SA_NODEFER);
        assertEquals(0x2000_0000, RedoxSaFlags.SA_RESETHAND);
        assertEquals(0x4000_0000, RedoxSaFlags.SA_NOCLDSTOP);
        assertEquals(0x8000_0000, RedoxSaFlags.IGNORED);
        assertEquals(0xfe00_0000, RedoxSaFlags.STORED);
    }

    @Test
    void eachStoredFlagIsItsPageBit() {
        assertEquals(1L << 57, RedoxSaFlags.pageBits(0x0200_0000));
        assertEquals(1L << 58, RedoxSaFlags.pageBits(0x0400_0000));
        assertEquals(1L << 59, RedoxSaFlags.pageBits(0x0800_0000));
        assertEquals(1L << 60, RedoxSaFlags.pageBits(0x1000_0000));
        assertEquals(1L << 61, RedoxSaFlags.pageBits(0x2000_0000));
        assertEquals(1L << 62, RedoxSaFlags.pageBits(0x4000_0000));
        assertEquals(1L << 63, RedoxSaFlags.pageBits(0x8000_0000));
        assertEquals(0xFE00_0000_0000_0000L, RedoxSaFlags.pageBits(-1));
    }

    @Test
    void flagsOutsideStoredHaveNoPageBit() {
        assertEquals(0L, RedoxSaFlags.pageBits(0x0000_0002));
        assertEquals(0L, RedoxSaFlags.pageBits(0x0000_0004));
        assertEquals(0L, RedoxSaFlags.pageBits(0x0100_0000));
        assertEquals(0L, RedoxSaFlags.pageBits(0x01ff_ffff));
    }

    @Test
    void eachLinuxFlagMapsToItsRelibcFlag() {
        assertEquals(0x4000_0000, RedoxSaFlags.fromLinux(LINUX_NOCLDSTOP));
        assertEquals(0x0000_0002, RedoxSaFlags.fromLinux(LINUX_NOCLDWAIT));
        assertEquals(0x0200_0000, RedoxSaFlags.fromLinux(LINUX_SIGINFO));
        assertEquals(0x0400_0000, RedoxSaFlags.fromLinux(LINUX_ONSTACK));
        assertEquals(0x0800_0000, RedoxSaFlags.fromLinux(LINUX_RESTART));
        assertEquals(0x1000_0000, RedoxSaFlags.fromLinux(LINUX_NODEFER));
        assertEquals(0x2000_0000, RedoxSaFlags.fromLinux(LINUX_RESETHAND));
        assertEquals(0, RedoxSaFlags.fromLinux(0));
    }

    @Test
    void fromLinuxDropsTheRestorerAndUnknownBits() {
        assertEquals(0, RedoxSaFlags.fromLinux(LINUX_RESTORER));
        assertEquals(0, RedoxSaFlags.fromLinux(LINUX_UNSUPPORTED));
        assertEquals(0x0800_0000 | 0x0200_0000, RedoxSaFlags.fromLinux(LINUX_RESTART | LINUX_SIGINFO | LINUX_RESTORER));
    }

    @Test
    void eachRelibcFlagMapsToItsLinuxFlag() {
        assertEquals(LINUX_NOCLDSTOP, RedoxSaFlags.toLinux(0x4000_0000));
        assertEquals(LINUX_NOCLDWAIT, RedoxSaFlags.toLinux(0x0000_0002));
        assertEquals(LINUX_SIGINFO, RedoxSaFlags.toLinux(0x0200_0000));
        assertEquals(LINUX_ONSTACK, RedoxSaFlags.toLinux(0x0400_0000));
        assertEquals(LINUX_RESTART, RedoxSaFlags.toLinux(0x0800_0000));
        assertEquals(LINUX_NODEFER, RedoxSaFlags.toLinux(0x1000_0000));
        assertEquals(LINUX_RESETHAND, RedoxSaFlags.toLinux(0x2000_0000));
        assertEquals(0, RedoxSaFlags.toLinux(0));
    }

    @Test
    void toLinuxDropsTheRestorerAndIgnored() {
        assertEquals(0, RedoxSaFlags.toLinux(0x0000_0004));
        assertEquals(0, RedoxSaFlags.toLinux(0x8000_0000));
        assertEquals(0, RedoxSaFlags.toLinux(0x0100_0000));
        assertEquals(
                LINUX_RESTART | LINUX_SIGINFO,
                RedoxSaFlags.toLinux(0x0800_0000 | 0x0200_0000 | 0x0000_0004 | 0x8000_0000));
    }

    @Test
    void everyLinuxCombinationSurvivesTheRoundTrip() {
        int[] flags = {
            LINUX_NOCLDSTOP,
            LINUX_NOCLDWAIT,
            LINUX_SIGINFO,
            LINUX_ONSTACK,
            LINUX_RESTART,
            LINUX_NODEFER,
            LINUX_RESETHAND
        };
        for (int combination = 0; combination < 1 << flags.length; combination++) {
            int linux = 0;
            for (int i = 0; i < flags.length; i++) {
                if ((combination & 1 << i) != 0) {
                    linux |= flags[i];
                }
            }
            assertEquals(
                    linux,
                    RedoxSaFlags.toLinux(RedoxSaFlags.fromLinux(linux)),
                    "linux flags=0x" + Integer.toHexString(linux));
        }
    }
}
