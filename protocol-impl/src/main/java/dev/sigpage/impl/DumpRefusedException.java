package dev.sigpage.impl;

/**
 * A page dump that cannot be read as a Redox page: it names the byte offset of the offending field and its value.
 * Nothing of a refused dump is imported.
 */
public final class DumpRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String region;
    private final int offset;
    private final long value;

    /**
     * A refusal.
     *
     * @param region {@code "process page"} or {@code "thread region"}
     * @param rule   the rule the dump breaks
     * @param offset the byte offset of the field within the region (the length, for a dump of the wrong size)
     * @param value  the field's value (the dump's length, for a dump of the wrong size)
     */
    public DumpRefusedException(final String region, final String rule, final int offset, final long value) {
        super(region + ": " + rule + ": offset=" + offset + " value=0x" + Long.toHexString(value));
        this.region = region;
        this.offset = offset;
        this.value = value;
    }

    /**
     * The region the dump was of.
     *
     * @return {@code "process page"} or {@code "thread region"}
     */
    public String region() {
        return region;
    }

    /**
     * The byte offset of the offending field.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * The offending value.
     *
     * @return the value
     */
    public long value() {
        return value;
    }
}
