package io.flapguard.simulator.router;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Quectel firmware revision such as {@code EG12EAPAR01A09M4G} or {@code EG06ELAR04A20M4G}: the first 8
 * characters name module and variant, then release ({@code R01}, {@code R04}: the R may be the 8th character)
 * and build ({@code A09}, {@code A20}).
 */
public record ModemFirmwareName(String value) implements Comparable<ModemFirmwareName> {

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{7,8}R(\\d{2})A(\\d{2})[A-Z0-9]*");
    /** Finds a revision inside a longer text such as a package folder name. */
    private static final Pattern EMBEDDED = Pattern.compile("[A-Z0-9]{7,8}R\\d{2}A\\d{2}[A-Z0-9]*");

    public ModemFirmwareName {
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a Quectel firmware revision: " + value);
        }
    }

    public static Optional<ModemFirmwareName> parse(String text) {
        return SHAPE.matcher(text).matches() ? Optional.of(new ModemFirmwareName(text)) : Optional.empty();
    }

    public static Optional<ModemFirmwareName> findIn(String text) {
        Matcher m = EMBEDDED.matcher(text);
        return m.find() ? Optional.of(new ModemFirmwareName(m.group())) : Optional.empty();
    }

    public String moduleVariant() {
        return value.substring(0, 8);
    }

    public boolean sameModuleAs(ModemFirmwareName other) {
        return moduleVariant().equals(other.moduleVariant());
    }

    /** A2x/A3x builds are restricted by Teltonika: they must not be flashed back to older builds. */
    public boolean restricted() {
        int build = number(2);
        return build >= 20 && build <= 39;
    }

    private int number(int group) {
        Matcher m = SHAPE.matcher(value);
        m.matches();
        return Integer.parseInt(m.group(group));
    }

    @Override
    public int compareTo(ModemFirmwareName other) {
        int release = Integer.compare(number(1), other.number(1));
        return release != 0 ? release : Integer.compare(number(2), other.number(2));
    }

    @Override
    public String toString() {
        return value;
    }
}
