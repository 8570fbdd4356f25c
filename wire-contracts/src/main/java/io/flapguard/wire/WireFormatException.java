package io.flapguard.wire;

/**
 * A message that does not meet its wire contract. The message text is meant for operators and
 * dead-letter entries: one line, saying what is wrong, never a stack trace.
 */
public class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
