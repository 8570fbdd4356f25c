package io.flapguard.telemetry.parse;

import io.flapguard.wire.RejectReason;
import io.flapguard.wire.Text;

/** Input the router contract refuses; becomes a dead letter. No stack trace: it is a verdict, not a bug. */
public final class Rejected extends Exception {
    private final RejectReason reason;

    public Rejected(RejectReason reason, String detail) {
        super(Text.shorten(detail, 300), null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
