package io.flapguard.analyzer.api;

import jakarta.ws.rs.BadRequestException;

/** Page sizes of the REST lists: bounded, so no request can make an instance serialise its whole store. */
final class Paging {
    static final int MAX = 1000;

    private Paging() {
    }

    static int limit(int requested) {
        if (requested < 1 || requested > MAX) {
            throw new BadRequestException("limit must be between 1 and " + MAX);
        }
        return requested;
    }
}
