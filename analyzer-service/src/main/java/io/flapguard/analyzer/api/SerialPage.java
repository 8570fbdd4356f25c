package io.flapguard.analyzer.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;

/**
 * One page of routers in serial order from a scan of this instance's store. The store iterates partition by
 * partition, not in one key order, so the page keeps the {@code limit} smallest serials after {@code after} while it
 * scans (memory: one page), and says where the next page starts.
 */
final class SerialPage {
    private SerialPage() {
    }

    /** @param view the item for a router, or null when the router does not belong on the page */
    static <V, T> Page<T> of(Iterator<KeyValue<String, V>> scan, String after, int limit, BiFunction<String, V, T> view) {
        TreeMap<String, T> smallest = new TreeMap<>();
        while (scan.hasNext()) {
            KeyValue<String, V> kv = scan.next();
            if (after != null && kv.key.compareTo(after) <= 0) {
                continue;
            }
            if (smallest.size() > limit && kv.key.compareTo(smallest.lastKey()) > 0) {
                continue;
            }
            T item = view.apply(kv.key, kv.value);
            if (item == null) {
                continue;
            }
            smallest.put(kv.key, item);
            if (smallest.size() > limit + 1) {
                smallest.pollLastEntry();
            }
        }
        List<T> items = new ArrayList<>(limit);
        String last = null;
        for (Map.Entry<String, T> e : smallest.entrySet()) {
            if (items.size() == limit) {
                break;
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, smallest.size() > limit ? last : null);
    }

    /** @param next pass as {@code after} for the next page; null on the last page */
    record Page<T>(List<T> items, String next) {
    }
}
