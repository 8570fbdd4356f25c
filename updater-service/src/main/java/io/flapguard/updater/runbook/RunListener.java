package io.flapguard.updater.runbook;

/** What the runbook tells its caller while it runs. */
public interface RunListener {
    /** A step started or flashing progressed (percent null when not flashing). */
    void progress(Step step, Integer percent);

    /**
     * Called right before the flash command is sent; must make "flash may be under way" durable before returning.
     * If it throws, nothing is flashed.
     */
    void beforeFlash();

    RunListener NONE = new RunListener() {
        @Override
        public void progress(Step step, Integer percent) {
        }

        @Override
        public void beforeFlash() {
        }
    };
}
