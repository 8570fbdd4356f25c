package io.flapguard.updater.validate;

import io.flapguard.updater.validate.ShellToken.Kind;

/**
 * The one place that builds command lines for a router. Every variable part is a {@link ShellToken} of the
 * expected kind, so nothing outside these fixed strings and validated tokens ever reaches the router's shell.
 * One program per exec: RutOS runs each line in BusyBox ash, and we never chain with ; or &amp;&amp;.
 */
public final class RouterCommands {
    public static final String ROUTER_FIRMWARE = "cat /etc/version";
    /** The serial as manufactured (RutOS 7). */
    public static final String ROUTER_SERIAL = "mnf_info -s";
    /** USB devices: a modem in download (EDL) mode shows as 05c6:9008. */
    public static final String USB_DEVICES = "lsusb";
    public static final String MODEM_MODEL = "gsmctl -m";
    public static final String MODEM_FIRMWARE = "gsmctl -y";
    public static final String MODEM_AT = "gsmctl -A AT";
    public static final String FIND_MODEM_UPDATER = "command -v modem_updater";
    public static final String OPKG_UPDATE = "opkg update";
    public static final String OPKG_INSTALL_MODEM_UPDATER = "opkg install modem_updater";
    public static final String MODEM_UPDATER_HELP = "modem_updater -h";
    public static final String MODEM_UPDATER_LIST = "modem_updater -g";
    public static final String DF_TMP = "df /tmp";

    private RouterCommands() {
    }

    public static String updateOnline(ShellToken usbId, ShellToken target) {
        return "modem_updater -i " + require(usbId, Kind.USB_ID) + " -v " + require(target, Kind.FIRMWARE);
    }

    public static String updateOffline(ShellToken usbId, ShellToken folder) {
        return "modem_updater -i " + require(usbId, Kind.USB_ID) + " -p " + require(folder, Kind.FOLDER);
    }

    /** {@code sha256sum} of files below an allowlisted folder; each relative path must be a plain path token. */
    public static String sha256sum(ShellToken folder, java.util.List<String> relativePaths) {
        StringBuilder line = new StringBuilder("sha256sum");
        for (String relative : relativePaths) {
            line.append(' ').append(new ShellToken(Kind.FILE, require(folder, Kind.FOLDER) + relative).value());
        }
        return line.toString();
    }

    public static String makeFolder(ShellToken folder) {
        return "mkdir -p " + require(folder, Kind.FOLDER);
    }

    public static String removeFolder(ShellToken folder) {
        return "rm -rf " + require(folder, Kind.FOLDER);
    }

    private static String require(ShellToken token, Kind kind) {
        if (token.kind() != kind) {
            throw new IllegalArgumentException("expected a " + kind + " token, got " + token.kind());
        }
        return token.value();
    }
}
