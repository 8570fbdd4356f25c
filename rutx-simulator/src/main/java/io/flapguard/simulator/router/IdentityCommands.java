package io.flapguard.simulator.router;

import java.util.List;

/**
 * {@code mnf_info} (the serial as manufactured, RutOS 7: {@code mnf_info -s}) and BusyBox {@code lsusb}, where a
 * modem left in download (EDL) mode shows up as Qualcomm {@code 05c6:9008} instead of its own id.
 */
final class IdentityCommands {
    static final String EDL_USB_ID = "05c6:9008";

    private final SimulatedRouter router;

    IdentityCommands(SimulatedRouter router) {
        this.router = router;
    }

    int mnfInfo(List<String> args, ShellChannel channel) {
        if (args.size() == 1 && (args.get(0).equals("-s") || args.get(0).equals("--sn"))) {
            channel.out(router.manufacturedSerial());
            return 0;
        }
        channel.err("Usage: mnf_info [-s|-m|-n|-i]");
        return 1;
    }

    int lsusb(List<String> args, ShellChannel channel) {
        channel.out("Bus 001 Device 001: ID 1d6b:0002");
        SimulatedRouter.ModemSnapshot modem = router.modem();
        channel.out("Bus 001 Device 002: ID " + (modem.state() == ModemState.DOWNLOAD_MODE ? EDL_USB_ID : usbIdOf(modem.model())));
        channel.out("Bus 002 Device 001: ID 1d6b:0003");
        return 0;
    }

    private static String usbIdOf(String modemModel) {
        return modemModel.startsWith("EG06") ? "2c7c:0306" : "2c7c:0512";
    }
}
