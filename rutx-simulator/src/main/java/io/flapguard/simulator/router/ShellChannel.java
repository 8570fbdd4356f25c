package io.flapguard.simulator.router;

/** Where one exec command writes and how it learns about its SSH channel. */
public interface ShellChannel {

    /** Writes one line to stdout and flushes it, so a client can follow progress live. */
    void out(String line);

    /** Writes one line to stderr and flushes it. */
    void err(String line);

    /** Closes the whole SSH session, as a dropped link would; later output is discarded. */
    void dropSession();

    /** Blocks until the client closed the channel or the session was dropped. */
    void awaitClosed() throws InterruptedException;
}
