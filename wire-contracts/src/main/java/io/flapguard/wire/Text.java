package io.flapguard.wire;

/** Small text helpers for messages that must stay one readable line. */
public final class Text {
    private Text() {
    }

    /** The first {@code max} characters, with an ellipsis when cut. */
    public static String shorten(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "…";
    }
}
