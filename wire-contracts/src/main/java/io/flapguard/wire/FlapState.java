package io.flapguard.wire;

/** Whether a router is flapping, with hysteresis decided by the analyzer. */
public enum FlapState {
    STABLE, FLAPPING
}
