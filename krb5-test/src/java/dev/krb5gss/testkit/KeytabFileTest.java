package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.keytab.KeytabParser;
import dev.krb5gss.keytab.ServiceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keytabs written by the kit read back, entry for entry, through our own keytab parser (MIT format 0x0502). */
class KeytabFileTest {

    @Test
    void everyEnctypeAndKvnoSurvivesTheRoundTrip(@TempDir Path dir) throws Exception {
        List<LongTermKey> keys = List.of(
                key("HTTP/web.example@EXAMPLE.TEST", AesEnctype.AES256_CTS_HMAC_SHA1_96, 3),
                key("HTTP/web.example@EXAMPLE.TEST", AesEnctype.AES128_CTS_HMAC_SHA1_96, 3),
                key("HTTP/web.example@EXAMPLE.TEST", AesEnctype.AES256_CTS_HMAC_SHA384_192, 300),
                key("svc@EXAMPLE.TEST", AesEnctype.AES128_CTS_HMAC_SHA256_128, 1));

        List<ServiceKey> parsed = KeytabParser.parse(Files.readAllBytes(KeytabFile.write(dir.resolve("k.keytab"), keys)));

        assertThat(parsed).hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            LongTermKey written = keys.get(i);
            ServiceKey read = parsed.get(i);
            assertThat(read.principal().toString()).isEqualTo(written.principal());
            assertThat(read.kvno()).isEqualTo(written.kvno());
            assertThat(read.encType().id()).isEqualTo(written.enctype().id());
            assertThat(read.secret().toByteArray()).isEqualTo(written.keyBytes());
        }
    }

    private static LongTermKey key(String principal, AesEnctype enctype, int kvno) {
        byte[] bytes = new byte[enctype.keyLength()];
        new java.security.SecureRandom().nextBytes(bytes);
        return new LongTermKey(principal, enctype, kvno, bytes);
    }
}
