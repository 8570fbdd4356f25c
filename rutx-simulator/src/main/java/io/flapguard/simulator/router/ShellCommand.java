package io.flapguard.simulator.router;

import java.util.List;

/** One RutOS program the simulated BusyBox shell can run. */
interface ShellCommand {

    /**
     * Runs with the arguments after the program name.
     *
     * @return the exit status the real program would return
     */
    int run(List<String> args, ShellChannel channel) throws InterruptedException;
}
