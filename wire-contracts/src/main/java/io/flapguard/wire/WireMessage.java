package io.flapguard.wire;

/** Every record that crosses Kafka carries a schema version and can check its own invariants. */
public interface WireMessage {
    /** The schema version this build writes and reads. */
    int SCHEMA_VERSION = 1;

    int v();

    /** @throws WireFormatException naming the first field that breaks the contract */
    void validate();
}
