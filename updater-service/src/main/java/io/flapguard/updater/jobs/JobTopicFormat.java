package io.flapguard.updater.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import io.flapguard.wire.WireMessage;
import java.io.IOException;

/**
 * The jobs topic's private record format, in one place and through the wire codec. A value is an envelope
 * {@code {"v": 1, "job": {...}}} or {@code {"v": 1, "rollout": {...}}}; {@code v} is the format version, checked
 * like every wire record's. Values written before the envelope (the bare job or rollout object, no {@code v}) are
 * still read: they are format 0.
 */
public final class JobTopicFormat {
    /** The format this build writes; it reads this one and format 0. */
    public static final int VERSION = WireMessage.SCHEMA_VERSION;

    private JobTopicFormat() {
    }

    /** A job's state as stored. */
    public record StoredJob(int v, JobRecord job) implements WireMessage {
        @Override
        public void validate() {
            requireVersion("StoredJob", v);
            if (job == null || job.commandId() == null || job.command() == null) {
                throw new WireFormatException("StoredJob: field 'job' with its commandId and command is required");
            }
        }
    }

    /** A rollout's state as stored. */
    public record StoredRollout(int v, RolloutRecord rollout) implements WireMessage {
        @Override
        public void validate() {
            requireVersion("StoredRollout", v);
            if (rollout == null || rollout.rolloutId() == null) {
                throw new WireFormatException("StoredRollout: field 'rollout' with its rolloutId is required");
            }
        }
    }

    public static byte[] encode(JobRecord job) {
        return WireCodec.encode(new StoredJob(VERSION, job));
    }

    public static byte[] encode(RolloutRecord rollout) {
        return WireCodec.encode(new StoredRollout(VERSION, rollout));
    }

    /** @throws WireFormatException when the value is neither format */
    public static JobRecord decodeJob(byte[] value) {
        return isFormatZero(value) ? legacy(value, JobRecord.class) : WireCodec.decode(value, StoredJob.class).job();
    }

    /** @throws WireFormatException when the value is neither format */
    public static RolloutRecord decodeRollout(byte[] value) {
        return isFormatZero(value) ? legacy(value, RolloutRecord.class)
                : WireCodec.decode(value, StoredRollout.class).rollout();
    }

    private static void requireVersion(String record, int v) {
        if (v != VERSION) {
            throw new WireFormatException(record + ": format version " + v + " is not supported (this build reads v"
                    + VERSION + " and records without a version)");
        }
    }

    /** A JSON object without {@code v}: written before the envelope existed. */
    private static boolean isFormatZero(byte[] value) {
        try {
            JsonNode tree = WireCodec.mapper().readTree(value);
            return tree != null && tree.isObject() && !tree.has("v");
        } catch (IOException e) {
            return false;   // the codec names what is wrong with it
        }
    }

    /** Format 0 left out fields added later (attempt, pausedOnFailures): absent primitives read as 0 and false. */
    private static <T> T legacy(byte[] value, Class<T> type) {
        try {
            return WireCodec.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(value);
        } catch (IOException e) {
            throw new WireFormatException(type.getSimpleName() + " (format 0): " + e.getMessage(), e);
        }
    }
}
