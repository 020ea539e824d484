package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The register names of each architecture, in frame order (the order the registers are saved in the frame).
 */
final class RegisterNames {
    static final List<String> X86_64 = List.of(
            "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
            "r15", "rip", "rflags");

    static final List<String> AARCH64 = aarch64();

    static final List<String> RISCV64 = List.of(
            "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2",
            "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "pc", "sstatus");

    private static final Map<String, Integer> X86_64_INDEX = index(X86_64, false);
    private static final Map<String, Integer> AARCH64_INDEX = index(AARCH64, false);
    private static final Map<String, Integer> RISCV64_INDEX = index(RISCV64, true);

    private RegisterNames() {}

    private static List<String> aarch64() {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            names.add("x" + i);
        }
        names.add("sp");
        names.add("pc");
        names.add("pstate");
        return Collections.unmodifiableList(names);
    }

    private static Map<String, Integer> index(final List<String> names, final boolean riscvAliases) {
        final Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), i);
        }
        if (riscvAliases) {
            // x1..x31 are saved in order, so xN sits at index N - 1.
            for (int n = 1; n <= 31; n++) {
                map.put("x" + n, n - 1);
            }
        }
        return Map.copyOf(map);
    }

    static int indexOf(final Arch arch, final String name) {
        final Map<String, Integer> map;
        switch (arch) {
            case X86_64:
                map = X86_64_INDEX;
                break;
            case AARCH64:
                map = AARCH64_INDEX;
                break;
            default:
                map = RISCV64_INDEX;
                break;
        }
        final Integer index = map.get(name);
        return index == null ? -1 : index;
    }
}
