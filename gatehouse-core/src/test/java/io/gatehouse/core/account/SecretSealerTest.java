package io.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {

    private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensForItsRowOnly() {
        SecretSealer sealer = SecretSealer.random();
        String sealed = sealer.seal("app-1", SECRET);
        assertThat(sealed).startsWith("aesgcm1:").doesNotContain(SECRET);
        assertThat(sealer.seal("app-1", SECRET)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open("app-1", sealed)).contains(SECRET);
        assertThat(sealer.open("app-2", sealed)).as("moved to another row").isEmpty();
        assertThat(SecretSealer.random().open("app-1", sealed)).as("another key").isEmpty();
    }

    @Test
    void damagedValuesDoNotOpen() {
        SecretSealer sealer = SecretSealer.random();
        String sealed = sealer.seal("app-1", SECRET);
        byte[] raw = Base64.getDecoder().decode(sealed.substring("aesgcm1:".length()));
        raw[raw.length - 1] ^= 1;
        assertThat(sealer.open("app-1", "aesgcm1:" + Base64.getEncoder().encodeToString(raw))).isEmpty();
        assertThat(sealer.open("app-1", "aesgcm1:not base64!")).isEmpty();
        assertThat(sealer.open("app-1", "aesgcm1:AAAA")).as("shorter than a nonce and a tag").isEmpty();
    }

    @Test
    void valuesStoredBeforeSealingPassThrough() {
        assertThat(SecretSealer.random().open("app-1", SECRET)).contains(SECRET);
        assertThat(SecretSealer.isSealed(SECRET)).isFalse();
    }

    @Test
    void theKeyFileIsMadeOnceOwnerOnlyAndReadBack() throws Exception {
        Path file = dir.resolve("state").resolve("api-secrets.key");
        String sealed = SecretSealer.loadOrCreate(file).seal("app-1", SECRET);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String hex = Files.readString(file).strip();
        assertThat(hex).matches("[0-9a-f]{64}");
        assertThat(SecretSealer.loadOrCreate(file).open("app-1", sealed)).as("the same key after a restart").contains(SECRET);
        assertThat(Files.readString(file).strip()).isEqualTo(hex);
    }

    @Test
    void aDamagedKeyFileStopsWithItsName() throws Exception {
        Path file = dir.resolve("api-secrets.key");
        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> SecretSealer.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("64 hex digits");
    }
}
