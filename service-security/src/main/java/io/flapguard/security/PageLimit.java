package io.flapguard.security;

import jakarta.ws.rs.WebApplicationException;

/** The page size every REST list accepts: bounded, so no request can make a service serialise a whole store. */
public final class PageLimit {
    public static final int MAX = 1000;

    private PageLimit() {
    }

    /** {@code limit} when it lies in 1..{@value #MAX}; otherwise a 400 with one line saying so. */
    public static int checked(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new WebApplicationException(Refusals.refuse(400, "limit must be between 1 and " + MAX));
        }
        return limit;
    }
}
