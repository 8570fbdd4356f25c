package io.flapguard.simulator.router;

import java.time.Duration;

/**
 * The flashing part of a modem_updater run, spread over the router's update duration. Once the
 * modem is in download mode the flash no longer depends on the SSH session, as on a real router.
 */
final class ModemFlash {

    static final int TOTAL_SECTORS = 3333;
    static final int STUCK_AT_PERCENT = 6;
    static final int DROP_AT_PERCENT = 50;
    static final int AT_POLLS = 10;

    private final SimulatedRouter router;
    private final ShellChannel channel;
    private final Duration step;

    ModemFlash(SimulatedRouter router, ShellChannel channel) {
        this.router = router;
        this.channel = channel;
        // 80 % of the run is writing (100 steps), the rest restarting and polling AT.
        this.step = router.updateDuration().dividedBy(125);
    }

    int run(String target) throws InterruptedException {
        channel.out("Switching modem to download mode...");
        router.flashStarted();
        channel.out("Modem is in download mode (05c6:9008)");
        channel.out("##################################################");
        channel.out("#          DO NOT TURN OFF YOUR DEVICE           #");
        channel.out("##################################################");
        for (int percent = 0; percent <= 100; percent++) {
            channel.out("upgrade progress " + percent + "% " + (TOTAL_SECTORS * percent / 100) + "/" + TOTAL_SECTORS);
            if (percent == STUCK_AT_PERCENT && router.hasFault(RouterFault.FLASH_STUCK)) {
                channel.awaitClosed();
                return 1;
            }
            if (percent == DROP_AT_PERCENT && router.hasFault(RouterFault.DROP_SSH_MID_FLASH)) {
                channel.dropSession();
            }
            pause(step);
        }
        channel.out("Upgrade module successfully.");
        router.imageWritten(target);
        channel.out("Restarting services...");
        boolean mute = router.hasFault(RouterFault.MODEM_UNRESPONSIVE_AFTER_FLASH);
        for (int attempt = 1; attempt <= AT_POLLS; attempt++) {
            pause(mute ? step.multipliedBy(2) : step.multipliedBy(AT_POLLS * 2));
            if (!mute) {
                router.modemAnswered();
                channel.out("Modem is responding to AT commands. Modem is ready");
                return 0;
            }
            channel.out("Waiting for modem to respond to AT commands (" + attempt + "/" + AT_POLLS + ")");
        }
        channel.out("Looks like modem is not responsive. A system reboot may be required.");
        return 1;
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}
