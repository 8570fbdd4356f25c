package io.flapguard.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/** An OS tool a test needs: when missing, the test is skipped and the reason printed where CI logs show it. */
public final class RequiredTool {
    private RequiredTool() {
    }

    public static Path require(String tool, String aptPackage) {
        Optional<Path> path = DeployFiles.tool(tool);
        if (path.isEmpty()) {
            String reason = "SKIPPED: " + tool + " is not installed (apt install " + aptPackage + ")";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return path.get();
    }
}
