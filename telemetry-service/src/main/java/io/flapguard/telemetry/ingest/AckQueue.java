package io.flapguard.telemetry.ingest;

import java.util.ArrayDeque;

/**
 * The unacknowledged messages of one MQTT connection (one session of it), in the order they arrived. MQTT requires
 * PUBACKs in the order of the PUBLISHes, while Kafka acknowledges the records of different partitions in any
 * order: a message whose records are all on Kafka is acknowledged only once every message before it is, too.
 */
final class AckQueue {
    /** One received message: its MQTT packet id and QoS, and whether Kafka has all of its records. */
    static final class Pending {
        final int id;
        final int qos;
        private boolean stored;

        Pending(int id, int qos) {
            this.id = id;
            this.qos = qos;
        }
    }

    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Sends the PUBACK of a message of {@code from} (called in arrival order, under the queue's lock). */
    interface Acknowledger {
        void acknowledge(AckQueue from, Pending p);
    }

    private final Acknowledger acknowledge;

    AckQueue(Acknowledger acknowledge) {
        this.acknowledge = acknowledge;
    }

    /** Called in arrival order (Paho's callback thread), before the message's records are sent. */
    synchronized Pending arrived(int id, int qos) {
        Pending p = new Pending(id, qos);
        waiting.addLast(p);
        return p;
    }

    /** Kafka holds all records of {@code p}: acknowledges it and the messages after it that were only waiting for it. */
    synchronized void stored(Pending p) {
        p.stored = true;
        while (!waiting.isEmpty() && waiting.peekFirst().stored) {
            acknowledge.acknowledge(this, waiting.pollFirst());
        }
    }

    synchronized int size() {
        return waiting.size();
    }
}
