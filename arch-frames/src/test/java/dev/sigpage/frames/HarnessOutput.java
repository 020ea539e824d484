package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one of the project's C test programs (src/test/resources/harness) printed, read from the lines they share:
 * {@code key=0x<hex>} values, memory dumps as a {@code mem.addr=0x<hex>} line followed by a {@code mem.hex=<bytes>}
 * line, and {@code error=<what>}, which fails the test with the program's standard error. Other lines are
 * passed over.
 *
 * @param values the {@code key=0x<hex>} values, by key
 * @param dumps  the memory dumps, in the order printed
 */
record HarnessOutput(Map<String, Long> values, List<Dump> dumps) {

    /** One memory dump. */
    record Dump(long address, byte[] bytes) {}

    /**
     * Reads a program's output.
     *
     * @param program the program's name, for the error message
     * @param result  what the program printed
     * @return the values and dumps
     */
    static HarnessOutput parse(final String program, final Tools.Result result) {
        final Map<String, Long> values = new HashMap<>();
        final List<Dump> dumps = new ArrayList<>();
        long memAddress = 0;
        for (final String line : result.stdout().split("\n")) {
            final int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            final String key = line.substring(0, eq);
            final String value = line.substring(eq + 1);
            if (key.equals("mem.hex")) {
                dumps.add(new Dump(memAddress, ByteOrder.hex(value)));
            } else if (key.equals("error")) {
                throw new AssertionError(program + " error " + value + "\n" + result.stderr());
            } else {
                final long v = Long.parseUnsignedLong(value.substring(2), 16);
                if (key.equals("mem.addr")) {
                    memAddress = v;
                } else {
                    values.put(key, v);
                }
            }
        }
        return new HarnessOutput(values, dumps);
    }
}
