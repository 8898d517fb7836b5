package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedGssException;
import dev.krb5gss.jaas.KeytabLoginModule;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.Sid;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgedPacBuilder;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.TicketForge;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PAC through the GSS-API as an application sees it: a ticket forged with a PAC signed with
 * the service key (as an AD domain controller issues it), accepted through
 * {@code GSSManager.getInstance()} by our provider, read back with {@link Pac#of} — raw Kerberos
 * and SPNEGO from the JDK's initiator; a tampered PAC and a required-but-missing one rejected
 * with their reasons; {@code requirePac=true} set on the KeytabLoginModule.
 */
@ExtendWith(KdcExtension.class)
class PacThroughGssTest {
  private static final String DOMAIN = "S-1-5-21-1004336348-1177238915-682003330";

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  private static final class Setup {
    final String service;
    final String client;
    final TicketForge forge;
    final Instant authTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Setup(KdcPrincipals names, String name) {
      this.service = names.addService(name);
      this.client = names.user("alice");
      this.forge = TicketForge.forService(
          names.kdc().serviceKey(service, AesEnctype.AES256_CTS_HMAC_SHA1_96));
    }

    ForgedPacBuilder pac() {
      return ForgedPacBuilder.forClient(client.substring(0, client.lastIndexOf('@')), authTime)
          .domainSid(DOMAIN).userRid(1104).groupRids(Sid.DOMAIN_ADMINS)
          .upnDnsInfo("alice@samdom.test", "SAMDOM.TEST");
    }

    ForgedTicket ticket(byte[] pac) {
      return forge.ticket().client(client).authTime(authTime).startTime(authTime)
          .addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac)).build();
    }

    byte[] signedPac() {
      return pac().build(forge.serviceKey());
    }
  }

  @Test
  void aKerberosContextGivesItsPac(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-krb5");
    byte[] token = s.forge.apReq(s.ticket(s.signedPac())).build().gssToken();
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(s.service), s.service));

    server.accept(token);

    assertThat(server.context.isEstablished()).isTrue();
    Pac pac = Pac.of(server.context).orElseThrow();
    assertThat(pac.userSid()).isEqualTo(Sid.parse(DOMAIN + "-1104"));
    assertThat(pac.groupSids()).containsExactly(Sid.parse(DOMAIN + "-513"),
        Sid.parse(DOMAIN + "-512"));
    assertThat(pac.upn()).hasValue("alice@samdom.test");
  }

  @Test
  void aSpnegoContextFromTheJdkInitiatorGivesItsPac(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-spnego");
    ForgedTicket ticket = s.ticket(s.signedPac());
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(s.service), s.service));
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("pac-spnego")).spnego()
        .start(s.forge.forgedInitiatorSubject(ticket))) {
      byte[] reply = server.accept(init.firstToken());
      if (reply != null) {
        init.complete(reply);
      }

      assertThat(server.context.isEstablished()).isTrue();
      assertThat(server.context.getMech()).isNotNull();
      assertThat(Pac.of(server.context).orElseThrow().logonName())
          .isEqualTo(s.client.substring(0, s.client.lastIndexOf('@')));
    }
  }

  /**
   * The JDK's own SPNEGO wrapping our Kerberos mechanism (a provider that offers only krb5):
   * {@code SpNegoContext.inquireSecContext} forwards the inquiry to our inner context.
   */
  @Test
  void theJdksSpnegoWrappingOurKerberosGivesThePac(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-jdkspnego");
    ForgedTicket ticket = s.ticket(s.signedPac());
    Subject service = JaasLogins.acceptor(names.keytab(s.service), s.service);
    java.security.Provider krb5Only = new java.security.Provider("Krb5GssKrb5Only", "1",
        "our Kerberos mechanism without our SPNEGO") {
      private static final long serialVersionUID = 1L;
      {
        put("GssApiMechanism." + Krb5GssProvider.KRB5_OID, Krb5MechanismFactory.class.getName());
      }
    };
    Krb5GssProvider.uninstall();
    java.security.Security.insertProviderAt(krb5Only, 1);
    try {
      assertThat(java.security.Security.getProvider(Krb5GssProvider.NAME)).isNull();
      GssServer server = GssServer.create(service);
      try (JdkInitiator init = JdkInitiator.to(names.hostbased("pac-jdkspnego")).spnego()
          .start(s.forge.forgedInitiatorSubject(ticket))) {
        byte[] reply = server.accept(init.firstToken());
        if (reply != null) {
          init.complete(reply);
        }
        assertThat(server.context.isEstablished()).isTrue();
        assertThat(server.context.getClass().getName()).doesNotContain("krb5gss");

        assertThat(Pac.of(server.context).orElseThrow().userSid())
            .isEqualTo(Sid.parse(DOMAIN + "-1104"));
      }
    } finally {
      java.security.Security.removeProvider(krb5Only.getName());
      Krb5GssProvider.install();
    }
  }

  @Test
  void aTicketWithoutPacGivesNone(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-none");
    byte[] token = s.forge.apReq(s.forge.ticket().client(s.client).build()).build().gssToken();
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(s.service), s.service));

    server.accept(token);

    assertThat(Pac.of(server.context)).isEmpty();
  }

  @Test
  void aTamperedPacIsPacInvalid(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-tampered");
    byte[] pac = s.signedPac();
    int[] logon = ForgedPacBuilder.find(pac, ForgedPacBuilder.LOGON_INFO);
    pac[logon[0] + 100] ^= 1;
    byte[] token = s.forge.apReq(s.ticket(pac)).build().gssToken();
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(s.service), s.service));

    assertThatThrownBy(() -> server.accept(token)).isInstanceOfSatisfying(
        RejectedGssException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMajor()).isEqualTo(GSSException.DEFECTIVE_CREDENTIAL);
          assertThat(e.getMinor()).isEqualTo(Reason.PAC_INVALID.minorCode());
          assertThat(e.getMessage()).contains("PAC check SERVER_SIGNATURE failed");
        });
  }

  @Test
  void theLoginModulesRequirePacRefusesTicketsWithoutOne(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-required");
    Subject service = keytabLogin(Map.of("keyTab", names.keytab(s.service).toString(),
        "principal", s.service, "requirePac", "true"));
    byte[] noPac = s.forge.apReq(s.forge.ticket().client(s.client).build()).build().gssToken();
    byte[] withPac = s.forge.apReq(s.ticket(s.signedPac())).build().gssToken();

    GssServer refused = GssServer.create(service);
    assertThatThrownBy(() -> refused.accept(noPac)).isInstanceOfSatisfying(
        RejectedGssException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_REQUIRED);
          assertThat(e.getMessage()).contains("carries no PAC");
        });
    GssServer accepted = GssServer.create(service);
    accepted.accept(withPac);
    assertThat(Pac.of(accepted.context)).isPresent();
  }

  @Test
  void withoutRequirePacTheLoginModuleAcceptsTicketsWithoutOne(KdcPrincipals names)
      throws Exception {
    Setup s = new Setup(names, "pac-optional");
    Subject service = keytabLogin(Map.of("keyTab", names.keytab(s.service).toString(),
        "principal", s.service));
    GssServer server = GssServer.create(service);

    server.accept(s.forge.apReq(s.forge.ticket().client(s.client).build()).build().gssToken());

    assertThat(Pac.of(server.context)).isEmpty();
  }

  @Test
  void aContextNotYetEstablishedHasNoPac(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-early");
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(s.service), s.service));

    assertThatThrownBy(() -> Pac.of(server.context)).isInstanceOfSatisfying(GSSException.class,
        e -> assertThat(e.getMajor()).isEqualTo(GSSException.NO_CONTEXT));
  }

  @Test
  void aContextOfTheJdksOwnMechanismIsNotOurs(KdcPrincipals names) throws Exception {
    Setup s = new Setup(names, "pac-jdk");
    byte[] token = s.forge.apReq(s.ticket(s.signedPac())).build().gssToken();
    Subject service = JaasLogins.acceptor(names.keytab(s.service), s.service);
    Krb5GssProvider.uninstall();
    try {
      GssServer server = GssServer.create(service);
      server.accept(token);
      assertThat(server.context.isEstablished()).isTrue();
      assertThat(GSSManager.getInstance()).isNotNull();

      assertThatThrownBy(() -> Pac.of(server.context)).isInstanceOfSatisfying(
          GSSException.class, e -> {
            assertThat(e.getMajor()).isEqualTo(GSSException.UNAVAILABLE);
            assertThat(e.getMessage()).contains("not one of", "Krb5GssProvider.install()");
          });
    } finally {
      Krb5GssProvider.install();
    }
  }

  private static Subject keytabLogin(Map<String, String> options) throws Exception {
    Configuration config = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry(
            KeytabLoginModule.class.getName(),
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    LoginContext lc = new LoginContext("pac-test", new Subject(), null, config);
    lc.login();
    return lc.getSubject();
  }
}
