package io.flapguard.brokers.testing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Test runs keep broker and service logs out of the console (they go to {@code target/test-logs/}, see
 * docs/testing.md); when a test fails or aborts this says where they are, once per failing test, so the console
 * stays short and the detail is one path away. Registered through {@code META-INF/services} for every test
 * classpath that holds the embedded brokers; the folder comes from the {@code flapguard.test-logs} system property
 * the build sets.
 */
public final class TestLogsListener implements TestExecutionListener {
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String folder = System.getProperty("flapguard.test-logs");
        if (folder == null || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        String where = Path.of(folder).toAbsolutePath().normalize().toString();
        System.err.println("[test-logs] " + test.getDisplayName() + " " + result.getStatus()
                + ": broker and service logs of this run are in " + where
                + (ANNOUNCED.getAndSet(true) ? "" : " (the console shows warnings and errors only)"));
    }
}
