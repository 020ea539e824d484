package dev.sigpage.frames;

/**
 * One 8-byte little-endian field of a signal frame.
 *
 * @param name   the field's name: {@code return_address}, {@code signum}, {@code saved_mask}, or a register name
 * @param offset the byte offset from the frame's first field
 */
public record FrameField(String name, int offset) {
    /** Every frame field is 8 bytes long. */
    public static final int LENGTH = 8;
}
