package dev.sigpage.frames;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable register file of one architecture: every register the frame saves, by name.
 *
 * <p>The concrete types {@link X86_64Registers}, {@link Aarch64Registers} and {@link Riscv64Registers} add named
 * accessors; this base class gives the by-name view used by generic code and the command line.
 */
public abstract sealed class RegisterFile permits X86_64Registers, Aarch64Registers, Riscv64Registers {
    private final long[] values;

    RegisterFile(final long[] values) {
        if (values.length != arch().registerNames().size()) {
            throw new IllegalArgumentException(
                    "register count must be " + arch().registerNames().size() + ": count=" + values.length);
        }
        this.values = values.clone();
    }

    /**
     * The architecture of this register file.
     *
     * @return the arch
     */
    public abstract Arch arch();

    /**
     * A register file of {@code arch} with every register zero.
     *
     * @param arch the architecture
     * @return the zero register file, of the arch's concrete type
     */
    public static RegisterFile zero(final Arch arch) {
        return of(arch, new long[arch.registerNames().size()]);
    }

    /**
     * A register file of {@code arch} from a name-to-value map; registers not named are zero.
     *
     * @param arch   the architecture
     * @param values register values by name (aliases accepted)
     * @return the register file
     * @throws IllegalArgumentException if a name is not a register of {@code arch}
     */
    public static RegisterFile of(final Arch arch, final Map<String, Long> values) {
        RegisterFile file = zero(arch);
        for (final Map.Entry<String, Long> e : values.entrySet()) {
            file = file.with(e.getKey(), e.getValue());
        }
        return file;
    }

    /**
     * A register file of {@code arch} from values in frame order ({@link Arch#registerNames()}).
     *
     * @param arch   the architecture
     * @param values one value per register, copied
     * @return the register file, of the arch's concrete type
     * @throws IllegalArgumentException if the count is not the arch's register count
     */
    public static RegisterFile of(final Arch arch, final long[] values) {
        switch (arch) {
            case X86_64:
                return new X86_64Registers(values);
            case AARCH64:
                return new Aarch64Registers(values);
            default:
                return new Riscv64Registers(values);
        }
    }

    /**
     * The value of a register by name.
     *
     * @param name a register name of this arch ({@code xN} aliases accepted on RISC-V)
     * @return the register's value
     * @throws IllegalArgumentException if the name is not a register of this arch
     */
    public final long get(final String name) {
        return values[indexOf(name)];
    }

    /**
     * A copy of this register file with one register changed.
     *
     * @param name  a register name of this arch
     * @param value the new value
     * @return the new register file, of the same concrete type
     * @throws IllegalArgumentException if the name is not a register of this arch
     */
    public RegisterFile with(final String name, final long value) {
        final long[] copy = values.clone();
        copy[indexOf(name)] = value;
        return of(arch(), copy);
    }

    /**
     * The register names of this file, in frame order.
     *
     * @return the names
     */
    public final List<String> names() {
        return arch().registerNames();
    }

    /**
     * Every register by name, in frame order.
     *
     * @return an unmodifiable ordered map
     */
    public final Map<String, Long> toMap() {
        final Map<String, Long> map = new LinkedHashMap<>();
        final List<String> names = names();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Copies every value, in frame order, into an array (for {@link InPlaceFrames}), allocating nothing.
     *
     * @param destination an array of the arch's register count
     * @throws IllegalArgumentException if the array's length is not the arch's register count
     */
    public final void copyTo(final long[] destination) {
        if (destination.length != values.length) {
            throw new IllegalArgumentException(
                    "register count must be " + values.length + ": count=" + destination.length);
        }
        System.arraycopy(values, 0, destination, 0, values.length);
    }

    final long at(final int index) {
        return values[index];
    }

    private int indexOf(final String name) {
        final int index = RegisterNames.indexOf(arch(), name);
        if (index < 0) {
            throw new IllegalArgumentException("register must be one of " + arch().cliName() + "'s: register=" + name);
        }
        return index;
    }

    @Override
    public final boolean equals(final Object o) {
        return o instanceof RegisterFile
                && ((RegisterFile) o).arch() == arch()
                && Arrays.equals(((RegisterFile) o).values, values);
    }

    @Override
    public final int hashCode() {
        return 31 * arch().hashCode() + Arrays.hashCode(values);
    }

    /** Every register as {@code name=0xvalue}, in frame order. */
    @Override
    public final String toString() {
        final StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('{');
        final List<String> names = names();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append('=').append(Hex.of(values[i]));
        }
        return sb.append('}').toString();
    }
}
