package io.flapguard.simulator.router;

import java.util.List;

/** The 7.20 command line of modem_updater: -g -v -p -i -n -f -h. */
record ModemUpdaterOptions(boolean list, boolean help, boolean force, String version, String path,
                           String usbId, String modemNumber, String error) {

    static ModemUpdaterOptions parse(List<String> args) {
        boolean list = false;
        boolean help = false;
        boolean force = false;
        String version = null;
        String path = null;
        String usbId = null;
        String number = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean takesValue = arg.equals("-v") || arg.equals("-p") || arg.equals("-i") || arg.equals("-n");
            if (takesValue && i + 1 >= args.size()) {
                return failed("modem_updater: option requires an argument -- '" + arg.substring(1) + "'");
            }
            switch (arg) {
                case "-g" -> list = true;
                case "-h" -> help = true;
                case "-f" -> force = true;
                case "-v" -> version = args.get(++i);
                case "-p" -> path = args.get(++i);
                case "-i" -> usbId = args.get(++i);
                case "-n" -> number = args.get(++i);
                default -> {
                    return failed("modem_updater: invalid option -- '" + arg.replaceFirst("^-+", "") + "'");
                }
            }
        }
        return new ModemUpdaterOptions(list, help, force, version, path, usbId, number, null);
    }

    private static ModemUpdaterOptions failed(String error) {
        return new ModemUpdaterOptions(false, false, false, null, null, null, null, error);
    }

    boolean online() {
        return version != null;
    }
}
