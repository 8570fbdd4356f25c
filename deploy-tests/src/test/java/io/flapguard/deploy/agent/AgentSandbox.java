package io.flapguard.deploy.agent;

import io.flapguard.deploy.DeployFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fake RUTX root file system for the agent: a bin folder holding only BusyBox applets, the stand-ins
 * for gsmctl/ubus/dmesg/logread/events export (from src/test/resources/standins) and a mosquitto_pub
 * wrapper that records its arguments before running the real one; plus the router's answers.
 */
final class AgentSandbox implements AutoCloseable {
    static final String SERIAL = "1117759414";
    private static final List<String> STANDINS = List.of("gsmctl", "ubus", "dmesg", "logread", "events-log");

    final Path dir;
    final Path bin;
    final Path state;
    private Process process;

    private AgentSandbox(Path dir) {
        this.dir = dir;
        this.bin = dir.resolve("bin");
        this.state = dir.resolve("state");
    }

    static AgentSandbox create(Path dir, Path busybox, Path mosquittoPub) throws IOException, InterruptedException {
        AgentSandbox box = new AgentSandbox(dir);
        Files.createDirectories(box.bin);
        for (String applet : run(busybox.toString(), "--list").split("\n")) {
            if (!applet.isBlank()) {
                Files.createSymbolicLink(box.bin.resolve(applet.strip()), busybox);
            }
        }
        for (String name : STANDINS) {
            Path target = box.bin.resolve(name);
            Files.deleteIfExists(target);
            try (InputStream in = AgentSandbox.class.getResourceAsStream("/standins/" + name)) {
                Files.copy(in, target);
            }
            target.toFile().setExecutable(true);
        }
        box.write("bin/mosquitto_pub", """
                #!/bin/sh
                printf '%%s\\n' "$*" >> "$FG_TEST_DIR/mosquitto_pub.argv"
                exec %s "$@"
                """.formatted(mosquittoPub));
        box.bin.resolve("mosquitto_pub").toFile().setExecutable(true);
        box.routerAsInTheForumCase();
        return box;
    }

    /** RUTX14, EG12 on the bad firmware, the real kernel and events logs of the forum case. */
    private void routerAsInTheForumCase() throws IOException {
        gsm("m", "EG12");
        gsm("y", "EG12EAPAR01A09M4G");
        gsm("j", "connected");
        gsm("o", "o2 - de");
        gsm("g", "registered (home)");
        gsm("t", "4G (FDD LTE); VoLTE");
        gsm("b", "LTE BAND 20");
        gsm("q", "RSRP: -85\nRSRQ: -8.0\nSINR: 12.3\nRSSI: -59");
        write("ubus/gsm.modem0.info.json", "{\n\t\"usb_id\": \"1-1\",\n\t\"manuf\": \"Quectel\",\n\t\"name\": \"EG12\"\n}\n");
        write("ubus/system.board.json",
                "{\n\t\"kernel\": \"5.4.147\",\n\t\"hostname\": \"RUTX14\",\n\t\"model\": \"Teltonika RUTX14\"\n}\n");
        write("version", "RUTX_R_00.07.02.8\n");
        write("uptime", "422540.12 800000.00\n");
        write("dmesg.txt", fixture("dmesg-usb-reenumeration.txt"));
        write("events.txt", fixture("webui-events-2022-10-05.txt"));
        write("syslog.txt", "");
    }

    /** A real router log of shared/fixtures/forum-rutx14, copied into test resources. */
    static String fixture(String name) throws IOException {
        try (InputStream in = AgentSandbox.class.getResourceAsStream("/fixtures/forum-rutx14/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void gsm(String flag, String answer) throws IOException {
        write("gsm/" + flag, answer + "\n");
    }

    /** Replaces a file in one step, so the agent never reads it half-written. */
    void write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Path tmp = Files.writeString(p.resolveSibling(p.getFileName() + ".tmp"), content, StandardCharsets.UTF_8);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Adds lines to the kernel ring buffer (replaced in one step, like a fresh dmesg read). */
    void appendDmesg(String lines) throws IOException {
        write("dmesg.txt", Files.readString(dir.resolve("dmesg.txt")) + lines);
    }

    /** Appends to the followed system log in place (tail -f follows the file, not its name). */
    void appendSyslog(String lines) throws IOException {
        Files.writeString(dir.resolve("syslog.txt"), lines, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes agent.conf: the sandbox's paths, a fast poll, the given broker port and extra lines. */
    void configure(int brokerPort, String... extra) throws IOException {
        StringBuilder conf = new StringBuilder()
                .append("SERIAL=").append(SERIAL).append('\n')
                .append("BROKER_HOST=127.0.0.1\nBROKER_PORT=").append(brokerPort).append('\n')
                .append("STATE_DIR=").append(state).append('\n')
                .append("VERSION_FILE=").append(dir.resolve("version")).append('\n')
                .append("UPTIME_FILE=").append(dir.resolve("uptime")).append('\n')
                .append("EVENTS_CMD=events-log\nLOG_POLL=1\nSTATUS_POLL=1\nPUB_TIMEOUT=5\n");
        for (String line : extra) {
            conf.append(line).append('\n');
        }
        write("agent.conf", conf.toString());
    }

    Process start(Path busybox, String mode) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(busybox.toString(), "sh",
                DeployFiles.deploy("agent/flapguard-agent.sh").toString(), "-c", dir.resolve("agent.conf").toString(), mode)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("agent.out").toFile())
                .redirectError(dir.resolve("agent.err").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("FG_TEST_DIR", dir.toString());
        pb.environment().put("HOME", dir.toString());
        process = pb.start();
        return process;
    }

    String agentLog() throws IOException {
        Path err = dir.resolve("agent.err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    String readOrEmpty(String relative) throws IOException {
        Path p = dir.resolve(relative);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroy);
        }
        // remove the applet links ourselves: @TempDir warns about every link pointing outside
        try (var links = Files.list(bin)) {
            for (Path link : links.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
