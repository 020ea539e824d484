package dev.sigpage.frames;

/**
 * A restore refused: the frame cannot be read, or it would return with privileged state or a program counter
 * outside the user half. Nothing is restored when this is thrown.
 */
public final class FrameRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The field (or {@code address}, {@code framePointer}) whose value was refused. */
    private final String field;
    /** The refused value. */
    private final long value;

    FrameRefusedException(final String rule, final String field, final long value) {
        super(rule + ": " + field + "=" + Hex.of(value));
        this.field = field;
        this.value = value;
    }

    /**
     * The refused field: a register name, {@code address} for memory that is not mapped, or {@code framePointer}.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }

    /**
     * The refused value (for {@code address}, the first byte that is not mapped).
     *
     * @return the value
     */
    public long value() {
        return value;
    }
}
