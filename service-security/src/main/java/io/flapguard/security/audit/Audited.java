package io.flapguard.security.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST method as an operator action: every call to it, accepted or refused (401, 403, 400, 409), becomes
 * an {@link io.flapguard.wire.AuditRecord} written by {@link AuditFilter}. Pair it with {@code @RolesAllowed}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    /** The action, dotted lower case: {@code rollout.resume}, {@code catalog.promote}. */
    String value();

    /** The path parameter naming the target; "" for none (or set it with {@link AuditNote#target}). */
    String target() default "id";
}
