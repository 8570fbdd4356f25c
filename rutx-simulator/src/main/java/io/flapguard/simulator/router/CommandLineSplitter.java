package io.flapguard.simulator.router;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an exec command string into words the way ash quoting does, but deliberately refuses
 * shell operators: the simulator runs exactly one program per exec, so an updater that chains
 * commands with {@code ;} or {@code &&} finds out in tests rather than on a router.
 */
final class CommandLineSplitter {

    /** Result of splitting: the words, or why the line cannot be run. */
    record Split(List<String> words, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private CommandLineSplitter() {
    }

    static Split split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (";&|<>`$()".indexOf(c) >= 0) {
                return new Split(List.of(), "ash: the simulated router runs one program per exec; '"
                        + c + "' is not interpreted");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return new Split(List.of(), "ash: syntax error: unterminated quoted string");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Split(words, null);
    }
}
