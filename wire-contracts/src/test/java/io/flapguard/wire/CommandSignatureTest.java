package io.flapguard.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSignatureTest {
    static final Instant T = Instant.parse("2022-10-05T12:14:28.123456789Z");
    static final KeyPair KEY = newKey();
    static final Map<String, PublicKey> TRUSTED = Map.of("analyzer-1", KEY.getPublic());

    static RemediationCommand command() {
        return new RemediationCommand(1, RemediationCommand.idFor("1117759414", "EG12EAPAR01A12M4G"), "1117759414",
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G",
                WireCodecTest.COHORT, "known bad firmware", 0.9, T);
    }

    @Test
    void aSignedCommandSurvivesTheWireAndVerifies() {
        RemediationCommand signed = CommandSignature.sign(command(), "analyzer-1", KEY.getPrivate());
        RemediationCommand decoded = WireCodec.decode(WireCodec.encode(signed), RemediationCommand.class);
        assertThat(decoded).isEqualTo(signed);
        assertThat(CommandSignature.verify(decoded, TRUSTED)).isEmpty();
    }

    @Test
    void unsignedUnknownKeyAndAlteredCommandsAreRefused() {
        RemediationCommand signed = CommandSignature.sign(command(), "analyzer-1", KEY.getPrivate());
        assertThat(CommandSignature.verify(command(), TRUSTED)).contains(CommandSignature.Failure.UNSIGNED);
        assertThat(CommandSignature.verify(CommandSignature.sign(command(), "other", newKey().getPrivate()), TRUSTED))
                .contains(CommandSignature.Failure.UNKNOWN_KEY);
        assertThat(CommandSignature.verify(CommandSignature.sign(command(), "analyzer-1", newKey().getPrivate()), TRUSTED))
                .contains(CommandSignature.Failure.BAD_SIGNATURE);
        // every bound field, changed on its own, breaks the signature
        for (UnaryOperator<RemediationCommand> change : java.util.List.<UnaryOperator<RemediationCommand>>of(
                c -> with(c, "1117759001", c.currentFirmware(), c.targetFirmware(), c.issuedAt(), c.commandId()),
                c -> with(c, c.serial(), "EG12EAPAR01A14M4G", c.targetFirmware(), c.issuedAt(), c.commandId()),
                c -> with(c, c.serial(), c.currentFirmware(), "EG12EAPAR01A14M4G", c.issuedAt(), c.commandId()),
                c -> with(c, c.serial(), c.currentFirmware(), c.targetFirmware(), c.issuedAt().plusNanos(1), c.commandId()),
                c -> with(c, c.serial(), c.currentFirmware(), c.targetFirmware(), c.issuedAt(),
                        RemediationCommand.idFor("1117759001", "EG12EAPAR01A12M4G")))) {
            assertThat(CommandSignature.verify(change.apply(signed), TRUSTED)).contains(CommandSignature.Failure.BAD_SIGNATURE);
        }
        RemediationCommand garbled = signed.signed("analyzer-1", "not base64!");
        assertThat(CommandSignature.verify(garbled, TRUSTED)).contains(CommandSignature.Failure.BAD_SIGNATURE);
    }

    @Test
    void theKeyIdIsPartOfTheSignedBytes() {
        RemediationCommand signed = CommandSignature.sign(command(), "analyzer-1", KEY.getPrivate());
        Map<String, PublicKey> sameKeyTwoIds = Map.of("analyzer-1", KEY.getPublic(), "analyzer-2", KEY.getPublic());
        assertThat(CommandSignature.verify(signed.signed("analyzer-2", signed.signature()), sameKeyTwoIds))
                .contains(CommandSignature.Failure.BAD_SIGNATURE);
    }

    @Test
    void commandIdsHaveOneShapeThatNoOtherKeySpaceShares() {
        for (String id : new String[] {"rollout:rollout-EG12EAPAR01A12M4G", "cmd-evil", "job/cmd-1", "", "CMD-00"}) {
            RemediationCommand c = new RemediationCommand(1, id, "1117759414", RemediationCommand.Action.MODEM_FIRMWARE_UPDATE,
                    "EG12", "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G", null, "x", 0.5, T);
            assertThatThrownBy(() -> WireCodec.encode(c)).isInstanceOf(WireFormatException.class).hasMessageContaining("commandId");
        }
        assertThat(RemediationCommand.ID_PATTERN.matcher(command().commandId()).matches()).isTrue();
    }

    @Test
    void pemKeyFilesRoundTripAndArePrivate(@TempDir Path dir) throws Exception {
        Path priv = dir.resolve("keys/signing.pem");
        Path pub = dir.resolve("keys/signing.pub.pem");
        SigningKeys.ensurePair(priv, pub);
        String first = Files.readString(priv);
        SigningKeys.ensurePair(priv, pub);   // second start keeps the pair
        assertThat(Files.readString(priv)).isEqualTo(first).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        RemediationCommand signed = CommandSignature.sign(command(), "k", SigningKeys.readPrivate(priv));
        assertThat(CommandSignature.verify(signed, Map.of("k", SigningKeys.readPublic(pub)))).isEqualTo(Optional.empty());
    }

    @Test
    void versionsOfOneModuleAreOrderedByReleaseThenBuild() {
        assertThat(FirmwareVersion.compare("EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G").getAsInt()).isNegative();
        assertThat(FirmwareVersion.compare("EG12EAPAR02A01M4G", "EG12EAPAR01A12M4G").getAsInt()).isPositive();
        assertThat(FirmwareVersion.compare("EG06ELAR04A20M4G", "EG06ELAR04A19M4G").getAsInt()).isPositive();
        assertThat(FirmwareVersion.compare("EG12EAPAR01A12M4G", "EG06ELAR04A20M4G")).isEmpty();
        assertThat(FirmwareVersion.compare("EG12EAPAXXXX", "EG12EAPAR01A12M4G")).isEmpty();
    }

    private static RemediationCommand with(RemediationCommand c, String serial, String current, String target,
                                           Instant issued, String id) {
        return new RemediationCommand(c.v(), id, serial, c.action(), c.modemModel(), current, target, c.cohort(),
                c.reason(), c.confidence(), issued, c.keyId(), c.signature());
    }

    static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
