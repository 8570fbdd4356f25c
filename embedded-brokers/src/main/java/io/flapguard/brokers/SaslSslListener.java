package io.flapguard.brokers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What makes the embedded broker's client listener SASL_SSL only, as a production cluster is (Strimzi with
 * {@code tls: true} and {@code authentication: scram-sha-512}): a self-signed certificate for 127.0.0.1 made with
 * the JDK's keytool, a trust store holding it, and SCRAM-SHA-512 accounts written into the cluster's metadata
 * when it is formatted. No file is downloaded; everything lives in {@code <folder>} and is reused by a later start.
 */
public final class SaslSslListener {
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String BROKER_USER = "broker";

    private final Path keystore;
    private final Path truststore;
    private final String storePassword;
    private final String brokerPassword;
    private final String clientUser;
    private final String clientPassword;

    private SaslSslListener(Path folder, String storePassword, String brokerPassword, String clientUser,
            String clientPassword) {
        this.keystore = folder.resolve("broker.p12");
        this.truststore = folder.resolve("truststore.p12");
        this.storePassword = storePassword;
        this.brokerPassword = brokerPassword;
        this.clientUser = clientUser;
        this.clientPassword = clientPassword;
    }

    /**
     * Makes (or, on a later start, reuses) the certificate and passwords in {@code folder}.
     *
     * @param clientUser the one client account the services and tests log in as
     */
    public static SaslSslListener prepare(Path folder, String clientUser) {
        try {
            Files.createDirectories(folder);
            SaslSslListener l = new SaslSslListener(folder, secret(folder.resolve("store.password")),
                    secret(folder.resolve("broker.password")), clientUser, secret(folder.resolve("client.password")));
            if (!Files.exists(l.truststore)) {
                l.makeCertificate(folder);
            }
            return l;
        } catch (IOException e) {
            throw new BrokerStartException("cannot prepare TLS files in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Client settings without the {@code kafka.} prefix (security.protocol, sasl.*, ssl.truststore.*). */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(clientUser, clientPassword));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
        p.put("ssl.truststore.password", storePassword);
        return p;
    }

    /** The broker's listener settings; the listener named {@code SASL_SSL} is the client and inter-broker one. */
    Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keystore.toAbsolutePath().toString());
        p.put("ssl.keystore.password", storePassword);
        p.put("ssl.key.password", storePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
        p.put("ssl.truststore.password", storePassword);
        return p;
    }

    /** StorageTool arguments that write the SCRAM accounts into the metadata when the cluster is formatted. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + BROKER_USER + ",password=" + brokerPassword + "]",
                "--add-scram", MECHANISM + "=[name=" + clientUser + ",password=" + clientPassword + "]");
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private void makeCertificate(Path folder) throws IOException {
        Path cert = folder.resolve("broker.crt");
        Files.deleteIfExists(keystore);
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                storePassword, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "flapguard-test-ca", "-file", cert.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", storePassword);
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BrokerStartException("keytool " + args[0] + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while running keytool", e);
        }
    }

    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String s = HexFormat.of().formatHex(b);
        Files.writeString(file, s);
        return s;
    }
}
