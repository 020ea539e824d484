package dev.sigpage.frames.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written parser for {@code --name value} (or {@code --name=value}) options; the module keeps no
 * command-line library. Single options may be given once, repeatable ones any number of times.
 */
final class Options {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {}

    static Options parse(final String[] args, final int from, final Set<String> single, final Set<String> repeated) {
        final Options o = new Options();
        for (int i = from; i < args.length; i++) {
            final String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("options must be --name value: argument=" + arg);
            }
            final int eq = arg.indexOf('=');
            final String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!single.contains(name) && !repeated.contains(name)) {
                throw new UsageException("option must be one of this command's: option=--" + name);
            }
            final String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("option needs a value: option=--" + name);
            }
            final List<String> list = o.values.computeIfAbsent(name, k -> new ArrayList<>());
            if (single.contains(name) && !list.isEmpty()) {
                throw new UsageException("option may be given once: option=--" + name);
            }
            list.add(value);
        }
        return o;
    }

    boolean has(final String name) {
        return values.containsKey(name);
    }

    String string(final String name) {
        final List<String> list = values.get(name);
        if (list == null) {
            throw new UsageException("option is required: option=--" + name);
        }
        return list.get(0);
    }

    String string(final String name, final String fallback) {
        return has(name) ? string(name) : fallback;
    }

    List<String> all(final String name) {
        return values.getOrDefault(name, List.of());
    }

    long number(final String name) {
        return number(name, string(name));
    }

    /**
     * An unsigned 64-bit number: decimal, or hexadecimal with a {@code 0x} prefix.
     *
     * @throws UsageException naming the option and the text if it is not such a number
     */
    static long number(final String name, final String text) {
        final BigInteger value;
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                value = hexDigits(text.substring(2)) ? new BigInteger(text.substring(2), 16) : null;
            } else {
                value = decimalDigits(text) ? new BigInteger(text, 10) : null;
            }
        } catch (final NumberFormatException e) {
            throw malformed(name, text);
        }
        if (value == null || value.compareTo(TWO_TO_64) >= 0) {
            throw malformed(name, text);
        }
        return value.longValue();
    }

    private static UsageException malformed(final String name, final String text) {
        return new UsageException("number must be decimal or 0x-hex in 0..2^64-1: " + name + "=" + text);
    }

    private static boolean hexDigits(final String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static boolean decimalDigits(final String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes from an even-length hex string.
     *
     * @throws UsageException naming the option if the string is not hex pairs
     */
    static byte[] hexBytes(final String name, final String text) {
        if (text.length() % 2 != 0 || (!text.isEmpty() && !hexDigits(text))) {
            throw new UsageException("bytes must be pairs of hex digits: " + name + "=" + text);
        }
        final byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
