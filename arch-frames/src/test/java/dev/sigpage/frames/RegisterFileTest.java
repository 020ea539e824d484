package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterFileTest {
    @Test
    void riscvAbiNamesAndXnAliasesAreTheSameRegisters() {
        // RISC-V psABI: x1 ra, x2 sp, x5-7 t0-t2, x8-9 s0-s1, x10-17 a0-a7, x18-27 s2-s11, x28-31 t3-t6.
        Riscv64Registers r = Riscv64Registers.zero();
        for (int n = 1; n <= 31; n++) {
            r = r.with("x" + n, n);
        }
        assertEquals(1, r.ra());
        assertEquals(2, r.sp());
        assertEquals(3, r.gp());
        assertEquals(4, r.tp());
        assertEquals(5, r.t(0));
        assertEquals(7, r.t(2));
        assertEquals(28, r.t(3));
        assertEquals(31, r.t(6));
        assertEquals(8, r.s(0));
        assertEquals(9, r.s(1));
        assertEquals(18, r.s(2));
        assertEquals(27, r.s(11));
        assertEquals(10, r.a(0));
        assertEquals(17, r.a(7));
        assertEquals(10, r.get("a0"));
        assertEquals(27, r.get("s11"));
        assertEquals(List.of("ra", "sp", "gp"), r.names().subList(0, 3));
    }

    @Test
    void withReturnsACopyAndToStringIsReadable() {
        final X86_64Registers zero = X86_64Registers.zero();
        final X86_64Registers one = zero.with("rip", 0x401000L);
        assertEquals(0, zero.rip());
        assertEquals(0x401000L, one.rip());
        assertTrue(one.toString().startsWith("X86_64Registers{rax=0x0, rbx=0x0"), one.toString());
        assertTrue(one.toString().contains("rip=0x401000, rflags=0x0}"), one.toString());
        final Aarch64Registers a = Aarch64Registers.zero().with("x30", 7).with("pstate", 0x60000000L);
        assertEquals(7, a.lr());
        assertEquals(7, a.x(30));
        assertTrue(a.toString().endsWith("pstate=0x60000000}"), a.toString());
    }

    @Test
    void unknownNamesAreRefusedNamingThem() {
        final IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Aarch64Registers.zero().with("x31", 1));
        assertTrue(e.getMessage().endsWith("register=x31"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> Riscv64Registers.zero().get("x0"));
        assertThrows(
                IllegalArgumentException.class, () -> X86_64Registers.zero().get("eax"));
        assertThrows(
                IndexOutOfBoundsException.class, () -> X86_64Registers.zero().r(7));
    }
}
