package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.List;

/** Accumulates 8-byte frame fields top to bottom for the frame descriptors' static blocks. */
final class FrameLayoutBuilder {
    /** The three fields before the saved registers in every frame. */
    static final int HEADER_FIELDS = 3;

    private final List<FrameField> fields = new ArrayList<>();
    private int offset;

    int field(final String name) {
        final int at = offset;
        fields.add(new FrameField(name, at));
        offset += FrameField.LENGTH;
        return at;
    }

    int length() {
        return offset;
    }

    List<FrameField> fields() {
        return List.copyOf(fields);
    }

    /**
     * Throws if the accumulated layout differs from the reference: its total length, 8-byte alignment of every
     * field, and the saved registers in exactly the register file's order after the three header fields.
     */
    void check(final String arch, final int referenceLength, final List<String> registerNames) {
        if (offset != referenceLength) {
            throw new IllegalStateException(arch + " frame length must be " + referenceLength + ": length=" + offset);
        }
        if (fields.size() != HEADER_FIELDS + registerNames.size()) {
            throw new IllegalStateException(arch + " frame must save every register: fields=" + fields.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            final FrameField f = fields.get(i);
            if (f.offset() % FrameField.LENGTH != 0) {
                throw new IllegalStateException(
                        arch + " frame field must be 8-byte aligned: " + f.name() + "=" + f.offset());
            }
            if (i >= HEADER_FIELDS && !f.name().equals(registerNames.get(i - HEADER_FIELDS))) {
                throw new IllegalStateException(
                        arch + " frame field must follow register order: " + f.name() + "=" + f.offset());
            }
        }
    }
}
