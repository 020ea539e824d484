package dev.sigpage.frames;

/** Formatting of unsigned 64-bit values and byte strings as lowercase hexadecimal. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    static String of(final long value) {
        return "0x" + Long.toHexString(value);
    }

    static String bytes(final byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
