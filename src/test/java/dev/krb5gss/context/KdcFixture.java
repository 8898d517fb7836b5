package dev.krb5gss.context;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.Subject;
import org.ietf.jgss.MessageProp;

/** One service and one user in the test KDC, and helpers to speak to an Acceptor as the JDK. */
final class KdcFixture {
  final KdcPrincipals names;
  final String service;
  final String user;
  final Subject client;
  final Path keytab;

  KdcFixture(KdcPrincipals names, String serviceName) throws Exception {
    this.names = names;
    this.service = names.addService(serviceName);
    this.user = names.addUser("alice-" + serviceName, "pw");
    this.client = names.kdc().login(user, "pw");
    this.keytab = names.keytab(service);
    this.serviceName = serviceName;
  }

  private final String serviceName;

  Acceptor.Builder acceptor() {
    return Acceptor.builder().keytab(keytab);
  }

  /** A JDK krb5 initiator to the service (mutual unless told otherwise). */
  JdkInitiator krb5(boolean mutual) throws Exception {
    return JdkInitiator.to(names.hostbased(serviceName)).mutual(mutual).start(client);
  }

  JdkInitiator spnego() throws Exception {
    return JdkInitiator.to(names.hostbased(serviceName)).spnego().start(client);
  }

  /** The JDK initiator's mechListMIC over a MechTypeList (RFC 4178 §5). */
  static byte[] clientMic(JdkInitiator init, List<ObjectId> mechTypes) throws Exception {
    byte[] der = NegTokenInit.encodeMechTypes(mechTypes);
    return init.call(() -> init.context().getMIC(der, 0, der.length, new MessageProp(0, false)));
  }

  /** Verifies the acceptor's mechListMIC with the JDK initiator's context. */
  static void verifyAcceptorMic(JdkInitiator init, List<ObjectId> mechTypes, byte[] mic)
      throws Exception {
    byte[] der = NegTokenInit.encodeMechTypes(mechTypes);
    init.call(() -> {
      init.context().verifyMIC(mic, 0, mic.length, der, 0, der.length, new MessageProp(0, false));
      return null;
    });
  }

  /** The second-leg NegTokenResp carrying the Kerberos token and optionally the client's MIC. */
  static byte[] mechLeg(byte[] krb5Token, byte[] mic) {
    return NegTokenResp.of(null, null, krb5Token, mic).encode();
  }

  /** Parses a NegTokenResp inside an assertion callback. */
  static NegTokenResp resp(byte[] token) {
    try {
      return NegTokenResp.parse(token);
    } catch (RejectedException e) {
      throw new AssertionError("expected a NegTokenResp", e);
    }
  }

  /** The inner token of a framed one (what the JDK hands a non-SPNEGO mechanism). */
  static byte[] inner(byte[] framed) throws RejectedException {
    return GssFraming.parse(framed).inner();
  }
}
