package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON reader for the command line's output (objects, arrays, strings, integers). */
public final class MiniJson {
    private final String s;
    private int i;

    private MiniJson(final String s) {
        this.s = s;
    }

    /**
     * Parses one JSON value that must be the whole text (surrounding whitespace allowed).
     *
     * @param text the text
     * @return Map, List, String or Long
     */
    public static Object parse(final String text) {
        final MiniJson p = new MiniJson(text);
        p.ws();
        final Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.i + ": " + text);
        }
        return v;
    }

    /**
     * Parses a JSON object.
     *
     * @param text the text
     * @return the object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(final String text) {
        return (Map<String, Object>) parse(text);
    }

    private Object value() {
        final char c = s.charAt(i);
        if (c == '{') {
            i++;
            final Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                final String k = string();
                ws();
                expect(':');
                ws();
                if (m.put(k, value()) != null) {
                    throw new IllegalArgumentException("duplicate key " + k);
                }
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                expect('}');
                return m;
            }
        }
        if (c == '[') {
            i++;
            final List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                expect(']');
                return l;
            }
        }
        if (c == '"') {
            return string();
        }
        final int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        if (start == i) {
            throw new IllegalArgumentException("unexpected " + c + " at " + i);
        }
        return Long.parseLong(s.substring(start, i));
    }

    private String string() {
        expect('"');
        final StringBuilder sb = new StringBuilder();
        while (s.charAt(i) != '"') {
            if (s.charAt(i) == '\\') {
                throw new IllegalArgumentException("escapes not expected at " + i);
            }
            sb.append(s.charAt(i++));
        }
        i++;
        return sb.toString();
    }

    private void expect(final char c) {
        if (s.charAt(i) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + i + ": " + s);
        }
        i++;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
