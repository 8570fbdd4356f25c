package io.flapguard.telemetry.bench;

import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.EventsLineParser;
import io.flapguard.telemetry.parse.Fixtures;
import io.flapguard.telemetry.parse.KernelLineParser;
import io.flapguard.telemetry.parse.LogPayload;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.SyslogLineParser;
import io.flapguard.telemetry.parse.TopicParser;
import io.flapguard.wire.LogSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parser throughput per format, one thread (= lines/s per core). Each invocation parses every line of
 * the real fixture, so the score is lines (or messages) per second. Run by hand, see docs/benchmarks-telemetry.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    static final String[] KERNEL = Fixtures.lines("dmesg-usb-reenumeration.txt").toArray(String[]::new); // 22
    static final String[] EVENTS = concat(Fixtures.lines("webui-events-2022-10-05.txt"),
            Fixtures.lines("webui-events-2022-12-21.txt")); // 10
    static final String[] SYSLOG = {
        "Wed Oct  5 12:14:28 2022 daemon.notice netifd: Interface 'mob1s1a1' has lost the connection",
        "Wed Oct  5 12:14:43 2022 daemon.notice netifd: Interface 'mob1s1a1' is now up",
        "Wed Oct  5 12:14:16 2022 kern.info kernel: [422506.592997] usb 1-1: USB disconnect, device number 5",
        "Wed Oct  5 12:14:43 2022 daemon.info dnsmasq[2001]: read /etc/hosts - 4 addresses",
        "Wed Oct  5 12:14:43 2022 user.info mobifd[1234]: Mobile data connected (internal modem)"}; // 5
    static final byte[] STATUS_JSON = ("{\"v\":1,\"sent_at\":\"2022-12-21T10:50:00Z\",\"device\":{\"name\":\"RUTX14\","
            + "\"product_code\":\"RUTX1400XXXX\",\"serial\":\"1117759414\",\"firmware\":\"RUTX_R_00.07.02.8\","
            + "\"uptime_s\":422540},\"modem\":{\"model\":\"EG12\",\"firmware\":\"EG12EAPAR01A09M4G\",\"state\":"
            + "\"connected\"},\"network\":{\"operator\":\"o2 - de\",\"state\":\"registered (home)\",\"type\":"
            + "\"4G (FDD LTE); VoLTE\",\"band\":\"LTE BAND 20\"},\"signal\":{\"rssi\":-59,\"rsrp\":-85,\"rsrq\":-8.0,"
            + "\"sinr\":12.3}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] STATUS_TEXT = Fixtures.text("webui-status-rutx14.txt").getBytes(StandardCharsets.UTF_8);
    static final byte[] DATA_TO_SERVER = ("{\"serial\":\"1117759414\",\"gsm\":{\"connstate\":\"connected\",\"rssi\":-67,"
            + "\"rsrp\":-95,\"rsrq\":-11,\"sinr\":7.5,\"operator\":\"Telia\",\"revision\":\"EG12EAPAR01A12M4G\"}}")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] SIGNAL = "-71".getBytes(StandardCharsets.UTF_8);
    static final MessageTranslator TRANSLATOR = new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults());
    static final LogPayload ENVELOPE = new LogPayload(List.of(), Instant.parse("2022-10-05T12:14:50Z"), 422_540_100_000L);
    static final Instant RECEIVED = Instant.parse("2022-10-05T12:15:00Z");

    @Benchmark
    @OperationsPerInvocation(22)
    public void kernelLine(Blackhole bh) {
        for (String l : KERNEL) {
            bh.consume(KernelLineParser.parse(l));
        }
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void eventsLine(Blackhole bh) {
        for (String l : EVENTS) {
            bh.consume(EventsLineParser.parse(l));
        }
    }

    @Benchmark
    @OperationsPerInvocation(5)
    public void syslogLine(Blackhole bh) {
        for (String l : SYSLOG) {
            bh.consume(SyslogLineParser.parse(l));
        }
    }

    /** Parse + wall-clock placement + stable id (SHA-256) + record: what ingest does per line. */
    @Benchmark
    @OperationsPerInvocation(22)
    public void kernelLineToEvent(Blackhole bh) {
        for (String l : KERNEL) {
            bh.consume(TRANSLATOR.event("1117759414", LogSource.KERNEL, l, ENVELOPE, RECEIVED));
        }
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void eventsLineToEvent(Blackhole bh) {
        for (String l : EVENTS) {
            bh.consume(TRANSLATOR.event("1117759414", LogSource.EVENTS, l, ENVELOPE, RECEIVED));
        }
    }

    @Benchmark
    public Object statusJsonMessage() {
        return TRANSLATOR.translate("rutx/1117759414/status", STATUS_JSON, RECEIVED);
    }

    @Benchmark
    public Object statusTextMessage() {
        return TRANSLATOR.translate("rutx/1117759414/status", STATUS_TEXT, RECEIVED);
    }

    @Benchmark
    public Object publisherValueMessage() {
        return TRANSLATOR.translate("router/1117759414/signal", SIGNAL, RECEIVED);
    }

    @Benchmark
    public Object dataToServerMessage() {
        return TRANSLATOR.translate("teltonika/1117759414/telemetry", DATA_TO_SERVER, RECEIVED);
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    public static void main(String[] args) throws RunnerException {
        String only = args.length > 0 ? args[0] : ".*";
        new Runner(new OptionsBuilder().include(ParserBenchmark.class.getSimpleName() + "\\." + only).build()).run();
    }
}
