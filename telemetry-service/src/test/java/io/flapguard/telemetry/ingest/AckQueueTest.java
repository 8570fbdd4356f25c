package io.flapguard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MQTT wants PUBACKs in the order of the PUBLISHes; Kafka acknowledges records of different partitions in any order. */
class AckQueueTest {
    private final List<Integer> acked = new ArrayList<>();
    private final AckQueue queue = new AckQueue((from, p) -> acked.add(p.id));

    @Test
    void aMessageStoredEarlyWaitsForTheMessagesBeforeIt() {
        AckQueue.Pending one = queue.arrived(1, 1);
        AckQueue.Pending two = queue.arrived(2, 1);
        AckQueue.Pending three = queue.arrived(3, 1);
        queue.stored(three);
        queue.stored(two);
        assertThat(acked).as("1 is not on Kafka yet").isEmpty();
        assertThat(queue.size()).isEqualTo(3);
        queue.stored(one);
        assertThat(acked).containsExactly(1, 2, 3);
        assertThat(queue.size()).isZero();
    }

    @Test
    void inOrderStoresAreAcknowledgedAtOnce() {
        AckQueue.Pending one = queue.arrived(7, 1);
        queue.stored(one);
        assertThat(acked).containsExactly(7);
        AckQueue.Pending two = queue.arrived(8, 1);
        AckQueue.Pending three = queue.arrived(9, 1);
        queue.stored(two);
        assertThat(acked).containsExactly(7, 8);
        queue.stored(three);
        assertThat(acked).containsExactly(7, 8, 9);
    }

    @Test
    void theSameSessionMayReuseAPacketIdOnceItIsAcknowledged() {
        AckQueue.Pending first = queue.arrived(1, 1);
        queue.stored(first);
        AckQueue.Pending again = queue.arrived(1, 1);
        AckQueue.Pending other = queue.arrived(2, 1);
        queue.stored(other);
        queue.stored(again);
        assertThat(acked).containsExactly(1, 1, 2);
    }
}
