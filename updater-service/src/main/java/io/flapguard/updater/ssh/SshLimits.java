package io.flapguard.updater.ssh;

import java.time.Duration;

/**
 * How the updater notices a router that went silent, and how much of a command's output it keeps.
 *
 * @param keepaliveInterval how often a keepalive request goes to the router when nothing else does (SSH
 *                          {@code keepalive@openssh.com}; whole seconds, at least 1)
 * @param keepaliveCountMax unanswered keepalives after which the connection counts as lost: a silent router is
 *                          noticed after about interval × count, not at the step's deadline
 * @param outputMaxLines    lines of a command's output kept in memory (the last ones)
 * @param outputMaxBytes    bytes of a command's output kept in memory (the last ones); a longer single line is cut
 */
public record SshLimits(Duration keepaliveInterval, int keepaliveCountMax, int outputMaxLines, int outputMaxBytes) {
    public static final SshLimits DEFAULTS = new SshLimits(Duration.ofSeconds(15), 4, 2_000, 256 * 1024);

    public SshLimits {
        if (keepaliveInterval.toSeconds() < 1 || keepaliveCountMax < 1 || outputMaxLines < 1 || outputMaxBytes < 80) {
            throw new IllegalArgumentException("ssh: keepalive-interval >= 1s, keepalive-count-max >= 1, "
                    + "output-max-lines >= 1, output-max-bytes >= 80");
        }
    }
}
