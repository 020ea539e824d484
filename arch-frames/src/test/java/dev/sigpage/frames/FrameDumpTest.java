package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FrameDumpTest {
    @Test
    void riscvDumpNamesEveryFieldAtItsOffsetAndShowsUnmappedFields() {
        // Only the first 0x28 bytes are mapped: return address, signum, saved mask, ra, sp.
        final byte[] head = new byte[0x28];
        head[8] = 10;
        head[0x20] = 0x40;
        final FrameDump dump =
                FrameDump.read(Arch.RISCV64, Variant.FIXED, new UserMemory().write(0x8000, head), 0x8000);
        final List<FrameDump.Row> rows = dump.rows();
        assertEquals(36, rows.size());
        assertEquals("signum", rows.get(1).name());
        assertEquals(OptionalLong.of(10), rows.get(1).value());
        assertEquals("sp", rows.get(4).name());
        assertEquals(0x20, rows.get(4).offset());
        assertEquals(0x8020, rows.get(4).address());
        assertEquals(OptionalLong.of(0x40), rows.get(4).value());
        assertEquals("gp", rows.get(5).name());
        assertFalse(rows.get(5).value().isPresent());
        assertEquals("not mapped", rows.get(5).note());
        assertEquals("sstatus", rows.get(35).name());
        assertEquals(0x118, rows.get(35).offset());
        assertTrue(
                dump.toString().contains("+0x028  0000000000008028  gp              --                  not mapped"),
                dump.toString());
    }

    @Test
    void dumpNotesMaskBitsAndFlagsThatRestoreChanges() {
        final byte[] frame = new byte[168];
        frame[16] = 0x00;
        frame[17] = 0x01; // saved mask bit 8: SIGKILL in the fixed convention
        frame[160] = 0x00;
        frame[161] = 0x40; // rflags 0x4000 (NT): dropped, IF and bit 1 forced
        final FrameDump dump = FrameDump.read(Arch.X86_64, Variant.FIXED, new UserMemory().write(0, frame), 0);
        assertEquals(
                "restore clears the SIGKILL/SIGSTOP bits", dump.rows().get(2).note());
        assertEquals("restored as 0x202", dump.rows().get(20).note());
    }

    @Test
    void linuxDumpListsTheNamedFieldsAndMarksTheOneRtSigreturnRefuses() {
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(
                        Aarch64Registers.zero().with("sp", 0x2000_8000L).with("pc", 0x401000L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .build());
        final UserMemory m =
                new UserMemory().write(d.frameAddress(), new byte[4704]).apply(d);
        m.write(d.frameAddress() + 576, new byte[] {5}); // pstate EL1h
        final FrameDump dump =
                FrameDump.read(Arch.AARCH64, Variant.LINUX, m, d.frameAddress(), LinuxSignalContext.defaults());
        final FrameDump.Row pstate = dump.rows().stream()
                .filter(r -> r.name().equals("pstate"))
                .findFirst()
                .orElseThrow();
        assertEquals(576, pstate.offset(), "FRAMES.md: pstate at F + 576");
        assertEquals(OptionalLong.of(5), pstate.value());
        assertTrue(pstate.note().startsWith("REFUSED: pstate must be AArch64 EL0t"), pstate.note());
        assertTrue(dump.toString().startsWith("aarch64 linux frame at 0x20006da0, 4688 bytes"), dump.toString());
        final FrameDump.Row magic = dump.rows().stream()
                .filter(r -> r.name().equals("magic"))
                .findFirst()
                .orElseThrow();
        assertEquals(OptionalLong.of(0x46508001L), magic.value(), "the fpsimd record's magic at F + 592");
    }
}
