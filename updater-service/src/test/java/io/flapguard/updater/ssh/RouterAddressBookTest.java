package io.flapguard.updater.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.updater.validate.RefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSH goes only to listed routers; a serial is never turned into someone else's IPv4 address. */
class RouterAddressBookTest {
    @TempDir
    Path temp;

    @Test
    void byDefaultOnlyListedRoutersAreReached() throws Exception {
        Path hosts = Files.writeString(temp.resolve("hosts"), "1117759001 router-1.example:2222\n");
        RouterAddressBook book = new RouterAddressBook(Optional.of(hosts), "none");
        assertThat(book.resolve("1117759001")).isEqualTo(new SshTarget("router-1.example", 2222));
        assertThatThrownBy(() -> book.resolve("1117759414")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("not in flapguard.updater.ssh.hosts-file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1117759414", "0x7f000001", "127.1", "017700000001", "2130706433", "1.2.3.4.5", "0x7f.1"})
    void numericHostsAreRefusedWhereverTheyComeFrom(String host) throws Exception {
        Path hosts = Files.writeString(temp.resolve("hosts"), "1117759001 " + host + ":22\n");
        assertThatThrownBy(() -> new RouterAddressBook(Optional.of(hosts), "none").resolve("1117759001"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("numeric");
        assertThat(RouterHostName.problem(host)).contains("IPv4");
    }

    @Test
    void theOldSerialTemplateIsRefusedAndANamedTemplateWorks() throws Exception {
        assertThatThrownBy(() -> new RouterAddressBook(Optional.empty(), "{serial}:22").resolve("1117759414"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("1117759414").hasMessageContaining("numeric");
        assertThat(new RouterAddressBook(Optional.empty(), "{serial}.routers.example:22").resolve("1117759414"))
                .isEqualTo(new SshTarget("1117759414.routers.example", 22));
        assertThat(RouterHostName.problem("127.0.0.1")).isNull();
        assertThat(RouterHostName.problem("::1")).isNull();
    }
}
