package io.flapguard.simulator.router;

import java.util.List;

/** {@code logread}: the system log the router collected so far. */
final class LogreadCommand implements ShellCommand {

    private final SimulatedRouter router;

    LogreadCommand(SimulatedRouter router) {
        this.router = router;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) {
        router.logLines().forEach(channel::out);
        return 0;
    }
}
