package io.flapguard.brokers;

/** A broker could not start; the message is one line an operator can act on. */
public class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
