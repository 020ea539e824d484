package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An annotated dump of a frame in user memory: one row per field with its offset, address, name and value, and a
 * note where restore would refuse or change the value. Unlike restore it never refuses: fields that are not
 * mapped show as such, which is what one wants to see when a sigreturn goes wrong.
 */
public final class FrameDump {
    private final Arch arch;
    private final Variant variant;
    private final long framePointer;
    private final List<Row> rows;
    private final int length;

    private FrameDump(
            final Arch arch, final Variant variant, final long framePointer, final List<Row> rows, final int length) {
        this.arch = arch;
        this.variant = variant;
        this.framePointer = framePointer;
        this.rows = List.copyOf(rows);
        this.length = length;
    }

    /**
     * One field of the dump.
     *
     * @param offset  the field's offset in the frame
     * @param address the field's address
     * @param name    the field's name
     * @param value   its value, empty if any of its bytes is not mapped
     * @param note    why restore refuses or changes it, or the empty string
     */
    public record Row(int offset, long address, String name, OptionalLong value, String note) {}

    /**
     * Reads the frame at {@code framePointer}.
     *
     * @param arch         the architecture
     * @param variant      the variant (decides which mask bits restore clears)
     * @param memory       user memory; not modified
     * @param framePointer the frame's address
     * @return the dump
     */
    public static FrameDump read(
            final Arch arch, final Variant variant, final UserMemory memory, final long framePointer) {
        return read(arch, variant, memory, framePointer, LinuxSignalContext.defaults());
    }

    /**
     * Reads the frame at {@code framePointer}; the linux variant's rows are its named fields (siginfo's first
     * fields, ucontext, the saved registers, the first record), and the row restore would refuse is marked.
     *
     * @param arch         the architecture
     * @param variant      the variant
     * @param memory       user memory; not modified
     * @param framePointer the frame's address
     * @param linux        the machine's features, for the linux variant's restore check
     * @return the dump
     */
    public static FrameDump read(
            final Arch arch,
            final Variant variant,
            final UserMemory memory,
            final long framePointer,
            final LinuxSignalContext linux) {
        if (variant == Variant.LINUX) {
            return readLinux(arch, memory, framePointer, linux);
        }
        final List<Row> rows = new ArrayList<>();
        for (final FrameField f : arch.frameFields()) {
            final long address = framePointer + f.offset();
            final boolean wraps = Long.compareUnsigned(address, framePointer) < 0
                    || Long.compareUnsigned(address, -(long) FrameField.LENGTH) > 0;
            if (wraps || memory.firstUnmapped(address, FrameField.LENGTH).isPresent()) {
                rows.add(new Row(f.offset(), address, f.name(), OptionalLong.empty(), "not mapped"));
                continue;
            }
            final long value = ByteSink.getLong(memory.read(address, FrameField.LENGTH), 0);
            rows.add(new Row(f.offset(), address, f.name(), OptionalLong.of(value), note(arch, variant, f, value)));
        }
        return new FrameDump(arch, variant, framePointer, rows, arch.frameLength());
    }

    private static FrameDump readLinux(
            final Arch arch, final UserMemory memory, final long framePointer, final LinuxSignalContext linux) {
        FrameRefusedException refusal = null;
        try {
            SignalFrames.restore(arch, Variant.LINUX, memory, framePointer, linux);
        } catch (final FrameRefusedException e) {
            refusal = e;
        }
        final List<Row> rows = new ArrayList<>();
        boolean marked = false;
        for (final LinuxFrameFields.Field f : LinuxFrameFields.of(arch)) {
            final long address = framePointer + f.offset();
            final boolean wraps = Long.compareUnsigned(address, framePointer) < 0
                    || Long.compareUnsigned(address, -(long) f.size()) > 0;
            if (wraps || memory.firstUnmapped(address, f.size()).isPresent()) {
                rows.add(new Row(f.offset(), address, f.name(), OptionalLong.empty(), "not mapped"));
                continue;
            }
            final byte[] b = java.util.Arrays.copyOf(memory.read(address, f.size()), Long.BYTES);
            String note = "";
            if (refusal != null && refusal.field().equals(f.name())) {
                note = "REFUSED: " + refusal.getMessage();
                marked = true;
            }
            rows.add(new Row(f.offset(), address, f.name(), OptionalLong.of(ByteSink.getLong(b, 0)), note));
        }
        if (refusal != null && !marked) {
            rows.add(new Row(0, framePointer, "restore", OptionalLong.empty(), "REFUSED: " + refusal.getMessage()));
        }
        return new FrameDump(arch, Variant.LINUX, framePointer, rows, LinuxFrameFields.frameLength(arch));
    }

    private static String note(final Arch arch, final Variant variant, final FrameField f, final long value) {
        if (f.name().equals("saved_mask") && (value & variant.unblockableBits()) != 0) {
            return "restore clears the SIGKILL/SIGSTOP bits";
        }
        if (f.offset() < FrameLayoutBuilder.HEADER_FIELDS * FrameField.LENGTH) {
            return "";
        }
        final String rule = UserState.refusal(arch, f.name(), value);
        if (rule != null) {
            return "REFUSED: " + rule;
        }
        final long restored = UserState.restoredValue(arch, f.name(), value);
        return restored == value ? "" : "restored as " + Hex.of(restored);
    }

    /** @return the rows, lowest offset first */
    public List<Row> rows() {
        return rows;
    }

    /** @return the arch */
    public Arch arch() {
        return arch;
    }

    /** @return the variant */
    public Variant variant() {
        return variant;
    }

    /** @return the frame's address */
    public long framePointer() {
        return framePointer;
    }

    /** A table: offset, address, field, value, note. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder();
        sb.append(arch.cliName())
                .append(' ')
                .append(variant.cliName())
                .append(" frame at ")
                .append(Hex.of(framePointer))
                .append(", ")
                .append(length)
                .append(" bytes\n");
        for (final Row row : rows) {
            sb.append(String.format(
                                    "+0x%03x  %016x  %-14s  %-18s  %s",
                                    row.offset(),
                                    row.address(),
                                    row.name(),
                                    row.value().isPresent()
                                            ? String.format(
                                                    "0x%016x", row.value().getAsLong())
                                            : "--",
                                    row.note())
                            .stripTrailing())
                    .append('\n');
        }
        return sb.toString();
    }
}
