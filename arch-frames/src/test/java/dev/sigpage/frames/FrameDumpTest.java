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
        final FrameDump dump = FrameDump.read(Arch.RISCV64, Variant.FIXED, new UserMemory().write(0x8000, head),
            0x8000);
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
        assertTrue(dump.toString().contains("+0x028  0000000000008028  gp              --                  not mapped"),
            dump.toString());
    }

    @Test
    void dumpNotesMaskBitsAndFlagsThatRestoreChanges() {
        final byte[] frame = new byte[168];
        frame[16] = 0x00;
        frame[17] = 0x01;               // saved mask bit 8: SIGKILL in the fixed convention
        frame[160] = 0x00;
        frame[161] = 0x40;              // rflags 0x4000 (NT): dropped, IF and bit 1 forced
        final FrameDump dump = FrameDump.read(Arch.X86_64, Variant.FIXED, new UserMemory().write(0, frame), 0);
        assertEquals("restore clears the SIGKILL/SIGSTOP bits", dump.rows().get(2).note());
        assertEquals("restored as 0x202", dump.rows().get(20).note());
    }
}
