package io.flapguard.simulator.router;

import java.util.List;

/** {@code ubus call gsm.modem0 info|get_firmware}, pretty-printed with tabs as ubus does. */
final class UbusCommand implements ShellCommand {

    /** ubus exit codes are its UBUS_STATUS values. */
    private static final int NOT_FOUND = 4;
    private static final int TIMEOUT = 7;

    private final SimulatedRouter router;

    UbusCommand(SimulatedRouter router) {
        this.router = router;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) {
        if (args.size() < 3 || !args.get(0).equals("call")) {
            channel.err("Usage: ubus [<options>] <command> [arguments...]");
            return 1;
        }
        SimulatedRouter.ModemSnapshot modem = router.modem();
        // In download mode the modem left the USB bus, so gsmd dropped its ubus object.
        if (!args.get(1).equals("gsm.modem0") || modem.state() == ModemState.DOWNLOAD_MODE) {
            channel.err("Command failed: Not found");
            return NOT_FOUND;
        }
        switch (args.get(2)) {
            case "info" -> {
                channel.out("{");
                channel.out("\t\"usb_id\": \"" + modem.usbId() + "\",");
                channel.out("\t\"manuf\": \"" + modem.manufacturer() + "\",");
                channel.out("\t\"name\": \"" + modem.model() + "\",");
                channel.out("\t\"builtin\": true");
                channel.out("}");
                return 0;
            }
            case "get_firmware" -> {
                if (modem.state() != ModemState.NORMAL) {
                    channel.err("Command failed: Request timed out");
                    return TIMEOUT;
                }
                channel.out("{");
                channel.out("\t\"firmware\": \"" + modem.firmware() + "\"");
                channel.out("}");
                return 0;
            }
            default -> {
                channel.err("Command failed: Method not found");
                return 3;
            }
        }
    }
}
