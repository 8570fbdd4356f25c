package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.domain.RouterStateCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Store serde for {@link RouterState} in its compact binary form. */
public final class RouterStateSerde implements Serde<RouterState> {
    @Override
    public Serializer<RouterState> serializer() {
        return (topic, s) -> s == null ? null : RouterStateCodec.encode(s);
    }

    @Override
    public Deserializer<RouterState> deserializer() {
        return (topic, b) -> b == null ? null : RouterStateCodec.decode(b);
    }
}
