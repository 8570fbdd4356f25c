package io.flapguard.updater.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import org.junit.jupiter.api.Test;

class AttentionBoardTest {
    static final RemediationCommand B = Commands.unsigned("1200000002", "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G");
    static final RemediationCommand A = Commands.unsigned("1200000001", "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G");

    @Test
    void oneEntryPerRouterBySerialClearedOnlyByAnUpdateThatReachedTheTarget() {
        AttentionBoard board = new AttentionBoard();
        board.note(B, ResultStatus.FAILED, "wait-modem", "modem does not answer AT", true);
        board.note(A, ResultStatus.TIMED_OUT, "update", "flash timed out", true);
        board.note(A, ResultStatus.FAILED, "connect", "gave up after 5 attempts", true);
        assertThat(board.list()).extracting(AttentionEntry::serial).containsExactly(A.serial(), B.serial());
        assertThat(board.list().get(0).reason()).isEqualTo("gave up after 5 attempts");

        board.note(B, ResultStatus.FAILED, "identify", "not a RUTX router", false);
        assertThat(board.count()).as("an ordinary failure clears nothing").isEqualTo(2);
        board.note(B, ResultStatus.SUCCEEDED, "confirm", "modem runs the target", false);
        assertThat(board.list()).extracting(AttentionEntry::serial).containsExactly(A.serial());
    }
}
