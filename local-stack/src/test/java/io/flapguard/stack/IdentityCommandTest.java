package io.flapguard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.brokers.auth.TopicPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./flapguard identity add <serial>}: the one command that lets a real router publish to the local stack. */
class IdentityCommandTest {
    @TempDir
    Path data;

    @Test
    void addPrintsThePasswordOnceAndTheBrokerLetsThatRouterInAsItself() throws Exception {
        Run added = run("--data-dir", data.toString(), "identity", "add", "1117759414");
        assertThat(added.code).isZero();
        String password = added.out.strip();
        assertThat(password).matches("[A-Za-z0-9_-]{43}");
        assertThat(added.err).contains("1117759414").doesNotContain(password);
        Path file = BrokerAccounts.identitiesFile(data);
        assertThat(Files.readString(file)).contains("1117759414:router:$7$").doesNotContain(password);
        assertThat(run("--data-dir", data.toString(), "identity", "list").out).isEqualTo("1117759414 router\n");

        try (EmbeddedMqtt mqtt = EmbeddedMqtt.startSecured(data, 0, false, new BrokerAccounts(data).identities(),
                TopicPolicy.defaults())) {
            MqttClient router = connect(mqtt, "1117759414", password);
            router.publish("rutx/1117759414/status", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            router.disconnect();
            router.close();
            assertThat(run("--data-dir", data.toString(), "identity", "remove", "1117759414").code).isZero();
            assertThatThrownBy(() -> connect(mqtt, "1117759414", password)).isInstanceOf(MqttException.class);
        }
    }

    @Test
    void aSerialThatIsNotOneIsOneClearLine() {
        Run r = run("--data-dir", data.toString(), "identity", "add", "rutx/+");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("flapguard: serial 'rutx/+' is not [A-Za-z0-9_-]{1,64}");
        assertThat(BrokerAccounts.identitiesFile(data)).doesNotExist();
    }

    static MqttClient connect(EmbeddedMqtt mqtt, String serial, String password) throws MqttException {
        MqttClient client = new MqttClient(mqtt.url(), serial, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(serial);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(o);
        return client;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = LocalStack.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
