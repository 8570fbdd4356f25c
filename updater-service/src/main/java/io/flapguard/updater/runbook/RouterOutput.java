package io.flapguard.updater.runbook;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small parsers for router output. */
final class RouterOutput {
    /** Anywhere in the line: QFirehose prints through a timer prefix, {@code [008.310] upgrade progress 37% ...}. */
    private static final Pattern PROGRESS = Pattern.compile("upgrade progress\\s+(\\d{1,3})%");
    private static final Pattern FLAG = Pattern.compile("^\\s*(-[a-zA-Z])\\b.*");

    private RouterOutput() {
    }

    /** {@code [008.310] upgrade progress 37% 1234/3333} (or without the timer prefix) → 37. */
    static OptionalInt progress(String line) {
        Matcher m = PROGRESS.matcher(line);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int percent = Integer.parseInt(m.group(1));
        return percent <= 100 ? OptionalInt.of(percent) : OptionalInt.empty();
    }

    /** A modem_updater error line, {@code [ERROR] ...}, wherever the tag stands in the line. */
    static boolean isError(String line) {
        return line.contains("[ERROR]");
    }

    /** Available KiB of the /tmp row of {@code df /tmp}. */
    static OptionalLong availableKib(List<String> dfLines) {
        for (String line : dfLines) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length >= 6 && cols[cols.length - 1].equals("/tmp")) {
                try {
                    return OptionalLong.of(Long.parseLong(cols[3]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The options {@code modem_updater -h} lists, e.g. [-g, -v, -p, -i, -n, -f, -h]. */
    static List<String> flags(List<String> helpLines) {
        return helpLines.stream().map(FLAG::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
    }

    /** gsmctl prints N/A or an ERROR line when the modem does not answer. */
    static boolean answered(String value) {
        return !value.isBlank() && !value.equals("N/A") && !value.startsWith("ERROR");
    }
}
