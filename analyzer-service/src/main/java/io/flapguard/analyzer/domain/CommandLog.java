package io.flapguard.analyzer.domain;

import java.util.ArrayList;
import java.util.List;

/** Commands issued for a router: the open one and the targets ever issued (each target at most once). */
public final class CommandLog {
    public static final int MAX_TARGETS = 4;

    final List<String> issuedTargets = new ArrayList<>();
    String openId;
    String openTarget;
    long openIssuedAt;

    public List<String> issuedTargets() {
        return List.copyOf(issuedTargets);
    }

    public String openId() {
        return openId;
    }

    public String openTarget() {
        return openTarget;
    }

    public long openIssuedAt() {
        return openIssuedAt;
    }

    boolean mayIssue(String target) {
        return openId == null && !issuedTargets.contains(target);
    }

    void issued(String commandId, String target, long at) {
        openId = commandId;
        openTarget = target;
        openIssuedAt = at;
        if (issuedTargets.size() == MAX_TARGETS) {
            issuedTargets.remove(0);
        }
        issuedTargets.add(target);
    }

    void closed(String commandId) {
        if (commandId.equals(openId)) {
            openId = null;
            openTarget = null;
        }
    }
}
