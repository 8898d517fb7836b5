package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.jgss.AuthorizationDataEntry;
import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.InquireType;
import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.TicketForge;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ticket's authorization data (RFC 4120 §5.2.6) through ExtendedGSSContext, as the JDK gives it. */
@ExtendWith(KdcExtension.class)
class AuthorizationDataInquiryTest {

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void theTicketsEntriesComeBackAsAuthorizationDataEntries(KdcPrincipals names) throws Exception {
    String service = names.addService("authz");
    TicketForge forge = TicketForge.forService(
        names.kdc().serviceKey(service, AesEnctype.AES256_CTS_HMAC_SHA1_96));
    byte[] data = "group=admins".getBytes(StandardCharsets.UTF_8);
    byte[] token = forge.apReq(forge.ticket().client(names.user("ivy"))
        .addAuthorizationData(141, data).build()).build().gssToken();
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(service), service));
    server.accept(token);

    AuthorizationDataEntry[] entries = (AuthorizationDataEntry[])
        ((ExtendedGSSContext) server.context).inquireSecContext(InquireType.KRB5_GET_AUTHZ_DATA);

    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo(141);
      assertThat(e.getData()).isEqualTo(data);
    });
  }
}
