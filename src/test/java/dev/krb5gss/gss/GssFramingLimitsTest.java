package dev.krb5gss.gss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.der.DerWriter;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import org.junit.jupiter.api.Test;

/**
 * RFC 2743 §3.1 framing limits: a mechanism OID longer than any mechanism a peer may name is
 * refused before it is decoded (fuzzing found a 303-byte OID that cost ~18 KB to decode,
 * re-encode and quote; corpus input crash-10d0f656…).
 */
class GssFramingLimitsTest {
  @Test
  void everyKnownMechanismFitsTheLimit() throws Exception {
    for (ObjectId mech : new ObjectId[] {MechOids.KRB5, MechOids.MS_KRB5, MechOids.SPNEGO,
        MechOids.NTLM, MechOids.NEGOEX}) {
      byte[] token = GssFraming.frame(mech, new byte[] {1, 2});
      assertThat(GssFraming.parse(token).mech()).isEqualTo(mech);
    }
  }

  @Test
  void anOverlongMechanismOidIsMalformed() {
    StringBuilder dotted = new StringBuilder("1.2");
    for (int i = 0; i < 40; i++) {
      dotted.append(".840");
    }
    byte[] token = DerWriter.element(0x60, ObjectId.of(dotted.toString()).encoded(),
        new byte[] {1, 2});

    assertThatThrownBy(() -> GssFraming.parse(token))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("expected a mechanism OID of at most " + GssFraming.MAX_MECH_OID
            + " bytes");
  }
}
