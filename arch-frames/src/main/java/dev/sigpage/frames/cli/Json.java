package dev.sigpage.frames.cli;

import java.util.Map;

/** Just enough JSON writing for the command line's output: objects, arrays, strings, integers. */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json begin() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    Json end() {
        sb.append('}');
        needComma = true;
        return this;
    }

    Json beginArray(final String key) {
        key(key);
        sb.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    Json beginObject(final String key) {
        key(key);
        sb.append('{');
        needComma = false;
        return this;
    }

    Json field(final String key, final String value) {
        key(key);
        string(value);
        needComma = true;
        return this;
    }

    Json field(final String key, final long value) {
        key(key);
        sb.append(value);
        needComma = true;
        return this;
    }

    Json hexFields(final Map<String, Long> values) {
        for (final Map.Entry<String, Long> e : values.entrySet()) {
            field(e.getKey(), hex(e.getValue()));
        }
        return this;
    }

    static String hex(final long value) {
        return "0x" + Long.toHexString(value);
    }

    private void key(final String key) {
        comma();
        string(key);
        sb.append(':');
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void string(final String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
