package io.flapguard.updater.service;

import io.flapguard.wire.ResultStatus;

/** A router a person must look at (mid-flash timeout, mute modem, interrupted update); never retried automatically. */
public record AttentionEntry(String serial, String commandId, String targetFirmware, ResultStatus status, String step,
                             String reason) {
}
