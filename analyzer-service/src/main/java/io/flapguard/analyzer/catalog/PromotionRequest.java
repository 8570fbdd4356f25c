package io.flapguard.analyzer.catalog;

/** What an approver asks for: from now on, routers of this modem model on {@code fromFirmware} go to {@code toFirmware}. */
public record PromotionRequest(String modemModel, String fromFirmware, String toFirmware, String reason) {
}
