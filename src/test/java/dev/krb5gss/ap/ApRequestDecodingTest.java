package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationType;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncoding;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncodingType;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;
import org.junit.jupiter.api.Test;

/**
 * The AP-REQ decoder over the strict DER reader (X.690 §8/§10) on the decrypted parts of an AP-REQ (RFC 4120 §5.3,
 * §5.5.1), encoded independently by Kerby: full decoding, then every truncation and byte flip
 * either decodes or is MALFORMED_TOKEN, never a runtime exception.
 */
class ApRequestDecodingTest {
  private static final long T = 1_795_000_000_000L;

  @Test
  void decodesAnEncTicketPartWithEveryOptionalField() throws Exception {
    KerberosMessages.TicketContents t = ApRequestDecoder.encTicketPart(encTicketPart());
    assertThat(t.client().toString()).isEqualTo("alice/admin@R.TEST");
    assertThat(t.key().keyType()).isEqualTo(18);
    assertThat(t.key().keyValue().length()).isEqualTo(32);
    assertThat(t.authTime()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(t.startTime()).isEqualTo(Instant.ofEpochMilli(T + 1000));
    assertThat(t.endTime()).isEqualTo(Instant.ofEpochMilli(T + 36_000_000));
    assertThat(t.flags()).isEqualTo(0x40810000);
    assertThat(t.authorizationData()[0]).isEqualTo((byte) 0x30);
  }

  @Test
  void decodesAnAuthenticatorKeepingTheChecksumType() throws Exception {
    KerberosMessages.AuthenticatorContents a = ApRequestDecoder.authenticator(authenticator(-5));
    assertThat(a.checksum().type()).isEqualTo(0x8003);
    assertThat(a.subkey().keyType()).isEqualTo(17);
    assertThat(a.cusec()).isEqualTo(123_456);
    assertThat(a.ctime()).isEqualTo(Instant.ofEpochMilli(T));
    // A negative seq-number (old Windows/Heimdal encodings) is read as its 32-bit value.
    assertThat(a.seqNumber()).isEqualTo(0xfffffffbL);
  }

  @Test
  void anAuthenticatorNamingTheTicketsClientReusesItsNameAndAnyOtherGetsItsOwn() throws Exception {
    byte[] der = authenticator(-5);
    dev.krb5gss.name.PrincipalName decoded = ApRequestDecoder.authenticator(der).client();
    dev.krb5gss.name.PrincipalName same = dev.krb5gss.name.PrincipalName.of(99,
        decoded.components(), decoded.realm()); // equal: the name type is not compared
    assertThat(ApRequestDecoder.authenticator(der, 0, der.length, same).client()).isSameAs(same);
    for (dev.krb5gss.name.PrincipalName other : new dev.krb5gss.name.PrincipalName[] {
        dev.krb5gss.name.PrincipalName.of(1, decoded.components(), decoded.realm() + "X"),
        dev.krb5gss.name.PrincipalName.of(1, java.util.List.of("other"), decoded.realm()),
        dev.krb5gss.name.PrincipalName.of(1, java.util.List.of(decoded.components().get(0), "x"),
            decoded.realm())}) {
      dev.krb5gss.name.PrincipalName got =
          ApRequestDecoder.authenticator(der, 0, der.length, other).client();
      assertThat(got).isNotSameAs(other).isEqualTo(decoded).isNotEqualTo(other);
    }
  }

  @Test
  void everyTruncationAndByteFlipOfAnEncTicketPartIsHandled() throws Exception {
    mutateAll(encTicketPart(), ApRequestDecoder::encTicketPart);
  }

  @Test
  void everyTruncationAndByteFlipOfAnAuthenticatorIsHandled() throws Exception {
    mutateAll(authenticator(42), ApRequestDecoder::authenticator);
  }

  private static <T> void mutateAll(byte[] good, Decoder<T> decoder) {
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> decoder.decode(cut)).as("truncated to %d", len)
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
    }
    for (int i = 0; i < good.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        Throwable t = catchThrowable(() -> decoder.decode(bad));
        assertThat(t).as("flip 0x%02x at %d", mask, i).satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOfSatisfying(RejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN)));
      }
    }
  }

  private interface Decoder<T> {
    T decode(byte[] b) throws RejectedException;
  }

  private static byte[] encTicketPart() throws Exception {
    EncTicketPart p = new EncTicketPart();
    p.setFlags(new TicketFlags(0x40810000));
    p.setKey(new EncryptionKey(18, new byte[32]));
    p.setCrealm("R.TEST");
    p.setCname(new PrincipalName(List.of("alice", "admin"), NameType.NT_PRINCIPAL));
    TransitedEncoding tr = new TransitedEncoding();
    tr.setTrType(TransitedEncodingType.DOMAIN_X500_COMPRESS);
    tr.setContents(new byte[0]);
    p.setTransited(tr);
    p.setAuthTime(new KerberosTime(T));
    p.setStartTime(new KerberosTime(T + 1000));
    p.setEndTime(new KerberosTime(T + 36_000_000));
    p.setRenewtill(new KerberosTime(T + 72_000_000));
    AuthorizationData ad = new AuthorizationData();
    AuthorizationDataEntry e = new AuthorizationDataEntry();
    e.setAuthzType(AuthorizationType.AD_IF_RELEVANT);
    e.setAuthzData(new byte[] {0x30, 0x00});
    ad.add(e);
    p.setAuthorizationData(ad);
    return KrbCodec.encode(p);
  }

  /** An Authenticator (RFC 4120 §5.5.1) with every optional field; 0x8003 is not in Kerby's enum. */
  private static byte[] authenticator(int seq) {
    byte[] cname = DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(1)),
        DerWriter.explicit(1, DerWriter.sequence(DerWriter.generalString("alice"))));
    return DerWriter.application(2,
        DerWriter.explicit(0, DerWriter.integer(5)),
        DerWriter.explicit(1, DerWriter.generalString("R.TEST")),
        DerWriter.explicit(2, cname),
        DerWriter.explicit(3, DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(0x8003)),
            DerWriter.explicit(1, DerWriter.octetString(new byte[24])))),
        DerWriter.explicit(4, DerWriter.integer(123_456)),
        DerWriter.explicit(5, DerWriter.kerberosTime(Instant.ofEpochMilli(T))),
        DerWriter.explicit(6, DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(17)),
            DerWriter.explicit(1, DerWriter.octetString(new byte[16])))),
        DerWriter.explicit(7, DerWriter.integer(seq)),
        DerWriter.explicit(8, DerWriter.sequence(DerWriter.sequence(
            DerWriter.explicit(0, DerWriter.integer(1)),
            DerWriter.explicit(1, DerWriter.octetString(new byte[] {0x30, 0x00}))))));
  }
}
