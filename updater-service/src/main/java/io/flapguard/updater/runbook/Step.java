package io.flapguard.updater.runbook;

/** Named steps of the update runbook; the name is what results, logs and metrics carry. */
public enum Step {
    VALIDATE("validate"), CONNECT("connect"), IDENTIFY("identify"), ENSURE_TOOL("ensure-tool"),
    READ_FLAGS("read-flags"), LIST("list"), CHECK_SPACE("check-space"), UPLOAD("upload"), UPDATE("update"),
    WAIT_MODEM("wait-modem"), CONFIRM("confirm");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
