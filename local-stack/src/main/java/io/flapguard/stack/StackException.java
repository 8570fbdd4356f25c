package io.flapguard.stack;

/** The stack cannot start or run; the message is the one line shown to the person who ran it. */
class StackException extends RuntimeException {
    StackException(String message) {
        super(message);
    }
}
