package io.flapguard.security;

import java.util.HashSet;
import java.util.Set;

/**
 * The four roles and what each implies: admin may do everything, operators and approvers may also read.
 * Granted roles (from the users file or the token's role claim) are expanded once, by {@link RoleExpansion}.
 */
public final class Roles {
    /** reads every view */
    public static final String VIEWER = "viewer";
    /** pauses, resumes and cancels rollouts */
    public static final String OPERATOR = "operator";
    /** approves waves and promotes catalog entries */
    public static final String APPROVER = "approver";
    /** everything */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR, APPROVER, ADMIN);

    private Roles() {
    }

    /** The granted roles plus those they imply; unknown role names pass through unchanged. */
    public static Set<String> expand(Set<String> granted) {
        Set<String> roles = new HashSet<>(granted);
        if (roles.contains(ADMIN)) {
            roles.addAll(ALL);
        }
        if (roles.contains(OPERATOR) || roles.contains(APPROVER)) {
            roles.add(VIEWER);
        }
        return roles;
    }
}
