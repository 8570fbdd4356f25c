package io.flapguard.analyzer.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

class StoreUnavailableMapperTest {
    @Test
    void aStoreThatMovedWhileBeingReadIsATemporary503WithARetryHint() {
        var response = new StoreUnavailableMapper().storeUnavailable(
                new InvalidStateStoreException("The state store, routers, may have migrated to another instance."));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    }
}
