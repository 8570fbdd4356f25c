package io.flapguard.analyzer.api;

import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.store.StoreNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries. Router state is partitioned by serial across instances: a router's state lives on the
 * instance that owns its partition ({@link #ownerOf}); fleet facts are a global store, complete everywhere.
 */
@ApplicationScoped
public class LocalStores {
    @Inject
    KafkaStreams streams;

    @Inject
    io.flapguard.analyzer.config.AnalyzerConfig config;

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    String applicationServer;

    /** Where a router's state lives: this instance (empty) or another instance's host:port. */
    public Optional<HostInfo> ownerOf(String serial) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.ROUTERS, serial,
                Serdes.String().serializer());
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
            throw new ServiceUnavailableException("router state is not available yet (rebalancing)");
        }
        return isLocal(meta.partition()) ? Optional.empty() : Optional.of(meta.activeHost());
    }

    /**
     * A 307 to the instance holding {@code serial}'s state, for {@code path} there; empty when this instance holds it.
     */
    public Optional<jakarta.ws.rs.core.Response> redirectToOwner(String serial, String path) {
        return ownerOf(serial).map(h -> jakarta.ws.rs.core.Response.temporaryRedirect(
                java.net.URI.create("http://" + h.host() + ":" + h.port() + path)).build());
    }

    /** A router's state on this instance; 404 when it has never been seen. */
    public RouterState router(String serial) {
        RouterState s = routers().get(serial);
        if (s == null) {
            throw new jakarta.ws.rs.NotFoundException("router " + serial + " has not been seen");
        }
        return s;
    }

    /** Whether this instance runs the active task of that partition (independent of how hosts are named). */
    private boolean isLocal(int partition) {
        TopicPartition tp = new TopicPartition(config.topics().telemetry(), partition);
        return streams.metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .anyMatch(task -> task.topicPartitions().contains(tp));
    }

    public String selfEndpoint() {
        return applicationServer;
    }

    public HostInfo self() {
        return HostInfo.buildFromEndpoint(applicationServer);
    }

    /** The other instances of this application, for scatter-gather queries. */
    public List<String> otherInstances() {
        return streams.streamsMetadataForStore(StoreNames.ROUTERS).stream().map(m -> m.host() + ":" + m.port())
                .filter(h -> !h.equals(applicationServer)).sorted().toList();
    }

    public ReadOnlyKeyValueStore<String, RouterState> routers() {
        return store(StoreNames.ROUTERS);
    }

    public ReadOnlyKeyValueStore<String, FleetFact> facts() {
        return store(StoreNames.FACTS);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new ServiceUnavailableException("store " + name + " is not queryable yet: " + e.getMessage());
        }
    }
}
