package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A two-leg SPNEGO negotiation (RFC 4178 §3.2: the client prefers NTLM, we select Kerberos)
 * through the JDK's GSSContext, which hands later SPNEGO legs to us unframed and of unknown
 * length: the second token is read as one DER element from the caller's stream, and nothing
 * after it is consumed.
 */
@ExtendWith(KdcExtension.class)
class SpnegoTwoLegsThroughGssTest {
  private static final List<ObjectId> NTLM_FIRST = List.of(MechOids.NTLM, MechOids.KRB5);
  private static final byte[] NTLM_NEGOTIATE =
      "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1);

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @SuppressWarnings("deprecation") // the stream form is part of the GSSContext contract we serve
  @Test
  void ntlmFirstThenKerberosCompletesOnTheSecondLegFromAStream(KdcPrincipals names)
      throws Exception {
    String service = names.addService("twoleg");
    String user = names.addUser("hank", "pw");
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(service), service));

    byte[] reply = server.accept(NegTokenInit.encode(NTLM_FIRST, NTLM_NEGOTIATE, null));
    NegTokenResp incomplete = NegTokenResp.parse(reply);
    assertThat(incomplete.negState()).contains(NegState.ACCEPT_INCOMPLETE);
    assertThat(incomplete.supportedMech()).contains(MechOids.KRB5);
    assertThat(server.context.isEstablished()).isFalse();

    try (JdkInitiator init = JdkInitiator.to(names.hostbased("twoleg")).mutual(false)
        .start(names.kdc().login(user, "pw"))) {
      byte[] types = NegTokenInit.encodeMechTypes(NTLM_FIRST);
      byte[] mic = init.call(() -> init.context().getMIC(types, 0, types.length,
          new MessageProp(0, false)));
      byte[] leg = NegTokenResp.of(null, null, init.firstToken(), mic).encode();
      byte[] trailer = {0x42, 0x43};
      byte[] stream = Arrays.copyOf(leg, leg.length + trailer.length);
      System.arraycopy(trailer, 0, stream, leg.length, trailer.length);
      ByteArrayInputStream in = new ByteArrayInputStream(stream);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      server.call(() -> {
        server.context.acceptSecContext(in, out);
        return null;
      });

      assertThat(server.context.isEstablished()).isTrue();
      assertThat(server.context.getSrcName().toString()).isEqualTo(user);
      assertThat(in.readAllBytes()).isEqualTo(trailer);
      NegTokenResp done = NegTokenResp.parse(out.toByteArray());
      assertThat(done.negState()).contains(NegState.ACCEPT_COMPLETED);
    }
  }
}
