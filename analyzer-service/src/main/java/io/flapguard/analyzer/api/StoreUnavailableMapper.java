package io.flapguard.analyzer.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A state store that moves or is restored while a query iterates it (after a restart or rebalance) is a
 * temporary condition: answer 503 with a retry hint, not a 500.
 */
public class StoreUnavailableMapper {
    @ServerExceptionMapper
    public Response storeUnavailable(InvalidStateStoreException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "state is being restored or rebalanced; retry shortly")).build();
    }
}
