package io.flapguard.simulator.router;

import java.util.List;

/** {@code gsmctl}: asks gsmd about the internal modem; prints N/A when the modem is gone or mute. */
final class GsmctlCommand implements ShellCommand {

    private static final String NO_DATA = "ERROR: Couldn't retrieve data";

    private final SimulatedRouter router;

    GsmctlCommand(SimulatedRouter router) {
        this.router = router;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) {
        if (args.isEmpty()) {
            channel.err("Usage: gsmctl [-O <usb id>] <-y|-m|-w|-q|-j|-o|-b|-A <AT command>>");
            return 1;
        }
        SimulatedRouter.ModemSnapshot modem = router.modem();
        boolean answers = modem.state() == ModemState.NORMAL;
        int status = 0;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "-O" -> {
                    if (i + 1 >= args.size()) {
                        channel.err("gsmctl: option requires an argument -- 'O'");
                        return 1;
                    }
                    if (!args.get(++i).equals(modem.usbId())) {
                        channel.out(NO_DATA);
                        return 1;
                    }
                }
                case "-A" -> {
                    if (i + 1 >= args.size()) {
                        channel.err("gsmctl: option requires an argument -- 'A'");
                        return 1;
                    }
                    status |= atCommand(args.get(++i), modem, answers, channel);
                }
                case "-y" -> status |= print(answers, modem.firmware(), channel);
                case "-m" -> status |= print(answers, modem.model(), channel);
                case "-w" -> status |= print(answers, modem.manufacturer(), channel);
                case "-o" -> status |= print(answers && modem.dataConnected(), modem.operator(), channel);
                case "-b" -> status |= print(answers && modem.dataConnected(), modem.band(), channel);
                case "-j" -> status |= print(answers, modem.dataConnected() ? "connected" : "disconnected", channel);
                case "-q" -> status |= signal(answers, modem.signal(), channel);
                default -> {
                    channel.err("gsmctl: invalid option -- '" + option.replaceFirst("^-+", "") + "'");
                    return 1;
                }
            }
        }
        return status;
    }

    private static int print(boolean available, String value, ShellChannel channel) {
        channel.out(available ? value : "N/A");
        return available ? 0 : 1;
    }

    private static int signal(boolean answers, SimulatedRouter.SignalValues s, ShellChannel channel) {
        if (!answers) {
            channel.out("N/A");
            return 1;
        }
        channel.out("RSSI: " + s.rssi());
        channel.out("RSRP: " + s.rsrp());
        channel.out("RSRQ: " + s.rsrq());
        channel.out("SINR: " + s.sinr());
        return 0;
    }

    private static int atCommand(String command, SimulatedRouter.ModemSnapshot modem, boolean answers,
                                 ShellChannel channel) {
        if (!answers) {
            channel.out(NO_DATA);
            return 1;
        }
        switch (command.trim().toUpperCase()) {
            case "AT" -> channel.out("OK");
            case "AT+GMR" -> {
                channel.out(modem.firmware());
                channel.out("OK");
            }
            case "ATI" -> {
                channel.out(modem.manufacturer());
                channel.out(modem.model());
                channel.out("Revision: " + modem.firmware());
                channel.out("OK");
            }
            default -> channel.out("ERROR");
        }
        return 0;
    }
}
