package io.flapguard.quality.fleet;

/** A small JSON writer: the generator builds payloads by hand, as router scripts do. */
final class Json {
    private final StringBuilder b = new StringBuilder(256);
    private boolean first = true;

    Json open() {
        sep();
        b.append('{');
        first = true;
        return this;
    }

    Json open(String key) {
        key(key);
        b.append('{');
        first = true;
        return this;
    }

    Json close() {
        b.append('}');
        first = false;
        return this;
    }

    Json field(String key, String value) {
        if (value != null) {
            key(key);
            quote(value);
        }
        return this;
    }

    Json field(String key, Number value) {
        if (value != null) {
            key(key);
            b.append(value);
        }
        return this;
    }

    Json array(String key, Iterable<String> values) {
        key(key);
        b.append('[');
        boolean f = true;
        for (String v : values) {
            if (!f) {
                b.append(',');
            }
            quote(v);
            f = false;
        }
        b.append(']');
        return this;
    }

    private void key(String key) {
        sep();
        quote(key);
        b.append(':');
    }

    private void sep() {
        if (!first) {
            b.append(',');
        }
        first = false;
    }

    private void quote(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
