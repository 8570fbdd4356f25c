package io.flapguard.brokers.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    /** Written by Debian's mosquitto_passwd 2.0.11 (-b pw 1117759414 secretpw). */
    static final String MOSQUITTO_PASSWD =
            "$7$101$7D2wlPsQZFUKPkEp$NbKWz17oGE9OLL/uwduu4SA738E2Vu1944/hE5HAvmHrzTC4ShlfATfkbKyMOg2yVM8thuEBWkjzHetFDWUYuA==";

    @Test
    void readsAndChecksAHashMosquittoWrote() {
        PasswordHash h = PasswordHash.parse(MOSQUITTO_PASSWD);
        assertThat(h.iterations()).isEqualTo(101);
        assertThat(h.matches("secretpw".toCharArray())).isTrue();
        assertThat(h.matches("secretpx".toCharArray())).isFalse();
        assertThat(h.encoded()).isEqualTo(MOSQUITTO_PASSWD);
    }

    @Test
    void ownHashesAreSaltedSoTheSamePasswordNeverHashesAlike() {
        PasswordHash a = PasswordHash.of("same".toCharArray());
        PasswordHash b = PasswordHash.of("same".toCharArray());
        assertThat(a.encoded()).isNotEqualTo(b.encoded()).startsWith("$7$" + PasswordHash.DEFAULT_ITERATIONS + "$");
        assertThat(PasswordHash.parse(a.encoded()).matches("same".toCharArray())).isTrue();
        assertThat(a.toString()).doesNotContain(a.encoded().substring(10));
    }

    @Test
    void somethingElseIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PasswordHash.parse("plaintext-secret")).hasMessage("not a $7$ (PBKDF2-SHA512) password hash");
        assertThatThrownBy(() -> PasswordHash.parse("$7$x$AAAA$AAAA")).hasMessageNotContaining("AAAA");
    }
}
