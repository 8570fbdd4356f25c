package io.flapguard.analyzer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class SerialPageTest {
    /** As a store of several partitions iterates: each partition in order, the partitions one after another. */
    private static final List<String> SCAN = List.of("03", "07", "11", "01", "02", "09", "04", "05", "06", "08", "10");

    private static SerialPage.Page<String> page(String after, int limit) {
        List<KeyValue<String, Integer>> kvs = new ArrayList<>();
        SCAN.forEach(k -> kvs.add(KeyValue.pair(k, Integer.parseInt(k))));
        return SerialPage.of(kvs.iterator(), after, limit, (k, v) -> v % 2 == 0 && v != 10 ? null : k);
    }

    @Test
    void pagesInSerialOrderAcrossPartitionsAndSkipsRoutersThatDoNotBelong() {
        assertThat(page(null, 3)).isEqualTo(new SerialPage.Page<>(List.of("01", "03", "05"), "05"));
        assertThat(page("05", 3)).isEqualTo(new SerialPage.Page<>(List.of("07", "09", "10"), "10"));
        assertThat(page("10", 3)).isEqualTo(new SerialPage.Page<>(List.of("11"), null));
        assertThat(page(null, 100).items()).containsExactly("01", "03", "05", "07", "09", "10", "11");
        assertThat(page(null, 100).next()).isNull();
    }

    @Test
    void aFullLastPageSaysThereIsNoMore() {
        assertThat(page("07", 3)).isEqualTo(new SerialPage.Page<>(List.of("09", "10", "11"), null));
    }
}
