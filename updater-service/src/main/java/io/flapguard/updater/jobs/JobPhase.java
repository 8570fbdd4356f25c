package io.flapguard.updater.jobs;

/** How far a job got; FLASHING is written before the flash command is sent. */
public enum JobPhase {
    QUEUED, RUNNING, FLASHING, DONE
}
