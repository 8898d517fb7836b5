package dev.krb5gss.fuzz;

import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.SessionKey;
import dev.krb5gss.token.MessageProtection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import javax.security.auth.Subject;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes the seed corpus: real inputs for every harness — tokens from the JDK's own initiator
 * (against the test kit's Kerby KDC, and with a forged ticket under the fixture's key), tokens
 * and plaintexts from the test kit's forge, our acceptor's SPNEGO reply, a keytab written by MIT
 * ktutil, the KDC's krb5.conf. Run once with {@code -Dkrb5gss.fuzz.writeSeeds=true}; the files go
 * to {@code src/test/resources/dev/krb5gss/fuzz/<Class>Inputs/<method>/seed-*} and are committed.
 */
@ExtendWith(KdcExtension.class)
@EnabledIfSystemProperty(named = "krb5gss.fuzz.writeSeeds", matches = "true")
class SeedCorpusWriter {
  private static final Path ROOT = Path.of("src/test/resources/dev/krb5gss/fuzz");

  @Test
  void write(KdcPrincipals names) throws Exception {
    // Real JDK tokens against the Kerby KDC (ticket under the KDC's own key).
    String user = names.addUser("fuzzuser", "fuzz-Pass1");
    String service = names.addService("fuzzsvc");
    Subject client = names.kdc().login(user, "fuzz-Pass1");
    byte[] jdkKrb5 = first(JdkInitiator.toPrincipal(service), client);
    byte[] jdkSpnego = first(JdkInitiator.toPrincipal(service).spnego(), client);
    // (No JDK delegation seed: Kerby's KDC refuses the JDK's forwarded-TGT request.)
    // The JDK's initiator presenting the fixture's ticket (decrypts under the fixture's key).
    // (The forge runs on the real clock here: the JDK ignores expired tickets.)
    dev.krb5gss.testkit.TicketForge realTime = dev.krb5gss.testkit.TicketForge.forService(
        KerberosFixture.KIT_SERVICE_KEY);
    Subject forged = realTime.forgedInitiatorSubject(realTime.ticket()
        .client(KerberosFixture.CLIENT).sessionKey(KerberosFixture.KIT_SESSION_KEY).build());
    byte[] jdkForged = first(JdkInitiator.toPrincipal(KerberosFixture.SERVICE), forged);
    byte[] jdkForgedSpnego = first(JdkInitiator.toPrincipal(KerberosFixture.SERVICE).spnego(),
        forged);
    // Our acceptor's SPNEGO reply to the JDK (a real NegTokenResp with an AP-REP).
    Acceptor ours = Acceptor.builder().keys(KerberosFixture.KEYS).clock(Clock.systemUTC()).build();
    ServerContext ctx = ours.newContext();
    AcceptResult reply = ctx.accept(jdkForgedSpnego);
    byte[] ourNegTokenResp = reply.outputToken();

    byte[] forge = KerberosFixture.AP_REQ.gssToken();
    SessionKey sub = new SessionKey(AesEnctype.AES256_CTS_HMAC_SHA1_96,
        FuzzSupport.derive("fuzz subkey", 32));
    byte[] tgtCred = KrbCredFuzzTest.validKrbCred();
    byte[] clearCred = KerberosFixture.FORGE.krbCred(
        KerberosFixture.FORGE.forwardedTgt(KerberosFixture.TICKET), null);
    byte[] delegChecksum = GssChecksum.builder().flags(GssChecksum.DEFAULT_FLAGS
        | GssChecksum.DELEG).delegation(tgtCred).encode();
    byte[] forgeDeleg = KerberosFixture.FORGE.apReq(KerberosFixture.TICKET).subkey(sub)
        .checksum(GssChecksum.builder().flags(GssChecksum.DEFAULT_FLAGS | GssChecksum.DELEG)
            .delegation(tgtCred)).build().gssToken();
    byte[] spnegoForge = NegTokenInit.encode(List.of(MechOids.MS_KRB5, MechOids.KRB5), forge,
        null);
    byte[] ntlm = Base64.getDecoder().decode("TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==");

    write("NegotiateHeaderFuzzTest", "authorization",
        header(jdkSpnego), header(jdkKrb5), header(forge), header(spnegoForge),
        header(jdkForgedSpnego), ("negotiate  " + b64(forge) + " ").getBytes(StandardCharsets.ISO_8859_1),
        header(ntlm), "Negotiate".getBytes(StandardCharsets.ISO_8859_1),
        "Basic dXNlcjpwYXNz".getBytes(StandardCharsets.ISO_8859_1));
    write("GssFramingFuzzTest", "gssFraming", jdkKrb5, jdkSpnego, forge, spnegoForge);
    write("GssFramingFuzzTest", "initialContextToken", jdkKrb5, forge, forgeDeleg,
        java.util.Arrays.copyOfRange(forge, 13, forge.length));
    write("SpnegoFuzzTest", "negTokenInit", jdkSpnego, jdkForgedSpnego, spnegoForge,
        negTokenInit2());
    write("SpnegoFuzzTest", "negTokenResp", ourNegTokenResp, NegTokenResp.reject(),
        NegTokenResp.of(NegState.ACCEPT_INCOMPLETE, MechOids.KRB5, forge, null).encode(),
        NegTokenResp.of(null, null, null, new byte[28]).encode());
    write("ApRequestFuzzTest", "apRequest", forge, jdkKrb5, jdkSpnego, jdkForged, forgeDeleg,
        KerberosFixture.FORGE.apReq(KerberosFixture.TICKET).mutualRequired(false).noChecksum()
            .build().gssToken());
    write("DerReaderFuzzTest", "derWalk", KerberosFixture.AP_REQ.apReq(),
        KerberosFixture.validTicketPlaintext(), KerberosFixture.validAuthenticatorPlaintext(),
        tgtCred);
    write("EncryptedPartsFuzzTest", "encTicketPart", KerberosFixture.validTicketPlaintext(),
        plaintext(KerberosFixture.FORGE.ticket().client(KerberosFixture.CLIENT)
            .sessionKey(KerberosFixture.KIT_SESSION_KEY).addAuthorizationData(1, new byte[] {
                0x30, 0x03, 0x02, 0x01, 0x05}).build().kerbyTicket().getEncryptedEncPart(),
            KerberosFixture.SERVICE_KEY_BYTES, KerberosFixture.USAGE_TICKET));
    write("EncryptedPartsFuzzTest", "authenticator", KerberosFixture.validAuthenticatorPlaintext(),
        authenticatorPlain(forgeDeleg), authenticatorPlain(jdkForged));
    write("EncryptedPartsFuzzTest", "gssChecksum", GssChecksum.builder().encode(), delegChecksum,
        GssChecksum.builder().bindingHash(FuzzSupport.derive("cb", 16)).encode());
    write("KrbCredFuzzTest", "krbCred", tgtCred, clearCred);
    write("KrbCredFuzzTest", "encKrbCredPart", credPlain(tgtCred));

    CipherKey cfx = FuzzSupport.key(EncType.AES256_CTS_HMAC_SHA1_96, "fuzz cfx context key");
    CipherKey rc4 = FuzzSupport.key(EncType.RC4_HMAC, "fuzz rc4 key");
    byte[] msg = "a message".getBytes(StandardCharsets.US_ASCII);
    MessageProtection cfxInit = MessageProtection.initiator(cfx, false, 1000, 5000, true, true);
    MessageProtection rc4Init = MessageProtection.initiator(rc4, false, 1000, 5000, true, true);
    write("MessageTokenFuzzTest", "cfxUnwrap", cfxInit.wrap(msg, 0, msg.length, true),
        cfxInit.wrap(msg, 0, msg.length, false));
    write("MessageTokenFuzzTest", "rc4Unwrap", rc4Init.wrap(msg, 0, msg.length, true),
        rc4Init.wrap(msg, 0, msg.length, false));
    write("MessageTokenFuzzTest", "cfxVerifyMic", cfxInit.getMic(msg, 0, msg.length));
    write("MessageTokenFuzzTest", "rc4VerifyMic", rc4Init.getMic(msg, 0, msg.length));
    write("MessageTokenFuzzTest", "cfxWrapped", "a message to wrap\u0001\u0003\u0000"
        .getBytes(StandardCharsets.ISO_8859_1), new byte[64]);
    write("MessageTokenFuzzTest", "rc4Wrapped", "a message to wrap\u0001"
        .getBytes(StandardCharsets.ISO_8859_1), new byte[40]);

    write("KeytabFuzzTest", "keytab",
        Files.readAllBytes(Path.of("src/test/resources/keytabs/mit-ktutil.keytab")),
        Files.readAllBytes(KeytabFile.write(names.kdc().workDir().resolve("fuzz-seed.keytab"),
            List.of(KerberosFixture.KIT_SERVICE_KEY))));
    write("Krb5ConfFuzzTest", "krb5Conf", Files.readAllBytes(names.kdc().krb5Conf()),
        Files.readAllBytes(Path.of("/etc/krb5.conf")), krb5ConfSample());
  }

  /** PAC seeds (no KDC needed): the test kit's signed PACs and MIT's t_pac.c vectors. */
  @Test
  void writePac() throws IOException {
    writePacSeeds();
  }

  static void writePacSeeds() throws IOException {
    byte[] full = PacFuzzTest.validPac();
    byte[] minimal = dev.krb5gss.testkit.ForgedPacBuilder.forClient("alice",
        KerberosFixture.NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .build(KerberosFixture.KIT_SERVICE_KEY);
    byte[] mit = hexFile("src/test/resources/vectors/pac/mit-saved-pac.hex");
    byte[] s4u = hexFile("src/test/resources/vectors/pac/s4u-regular.hex");
    write("PacFuzzTest", "signedPac", full, minimal, mit, s4u);
    write("PacFuzzTest", "authorizationData", PacFuzzTest.withPac(full),
        PacFuzzTest.withPac(minimal), PacFuzzTest.withPac(mit));
  }

  private static byte[] hexFile(String path) throws IOException {
    String hex = Files.readString(Path.of(path)).replaceAll("[^0-9a-fA-F]", "");
    return java.util.HexFormat.of().parseHex(hex);
  }

  private static byte[] first(JdkInitiator.Options options, Subject client) throws Exception {
    try (JdkInitiator init = options.start(client)) {
      return init.firstToken();
    }
  }

  private static byte[] header(byte[] token) {
    return ("Negotiate " + b64(token)).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String b64(byte[] token) {
    return Base64.getEncoder().encodeToString(token);
  }

  /** MS-SPNG §2.2.1 NegTokenInit2 as Windows servers send it (negHints with hintName). */
  private static byte[] negTokenInit2() {
    byte[] types = NegTokenInit.encodeMechTypes(List.of(MechOids.MS_KRB5, MechOids.KRB5));
    byte[] hints = DerWriter.sequence(DerWriter.explicit(0,
        DerWriter.generalString("not_defined_in_RFC4178@please_ignore")));
    byte[] neg = DerWriter.explicit(0, DerWriter.sequence(DerWriter.explicit(0, types),
        DerWriter.explicit(3, hints)));
    return dev.krb5gss.gss.GssFraming.frame(MechOids.SPNEGO, neg);
  }

  private static byte[] plaintext(EncryptedData enc, byte[] key, int usage) {
    return ForgeCrypto.kerby().decrypt(AesEnctype.AES256_CTS_HMAC_SHA1_96, key, usage,
        enc.getCipher());
  }

  private static byte[] authenticatorPlain(byte[] gssToken) throws Exception {
    byte[] apReq = dev.krb5gss.ap.InitialContextToken.parseApReq(gssToken, 1 << 16).body();
    var req = KrbCodec.decode(apReq, org.apache.kerby.kerberos.kerb.type.ap.ApReq.class);
    return plaintext(req.getEncryptedAuthenticator(), KerberosFixture.SESSION_KEY_BYTES,
        KerberosFixture.USAGE_AUTHENTICATOR);
  }

  /** The EncKrbCredPart of a KRB-CRED sealed in the fixture's session key. */
  private static byte[] credPlain(byte[] cred) throws Exception {
    dev.krb5gss.der.DerReader r = dev.krb5gss.der.DerReader.of(cred, "KRB-CRED").read(0x76)
        .read(0x30);
    r.read(0xa0);
    r.read(0xa1);
    r.read(0xa2);
    dev.krb5gss.der.DerReader enc = r.read(0xa3).read(0x30);
    enc.read(0xa0);
    enc.readOptional(0xa1);
    byte[] cipher = enc.read(0xa2).readOctetString();
    return ForgeCrypto.kerby().decrypt(AesEnctype.AES256_CTS_HMAC_SHA1_96,
        KerberosFixture.SESSION_KEY_BYTES, KerberosFixture.USAGE_KRB_CRED, cipher);
  }

  private static byte[] krb5ConfSample() {
    return String.join("\n",
        "# MIT krb5.conf(5) syntax: comments, sub-sections, final markers",
        "[libdefaults]",
        "  default_realm = EXAMPLE.COM",
        "  default_keytab_name = FILE:/etc/krb5.keytab",
        "  allow_weak_crypto = true",
        "  dns_lookup_kdc = false",
        "; another comment",
        "[realms]",
        "  EXAMPLE.COM = {",
        "    kdc = kdc1.example.com:88",
        "    admin_server = kdc1.example.com",
        "  }",
        "[domain_realm]*",
        "  .example.com = EXAMPLE.COM",
        "").getBytes(StandardCharsets.UTF_8);
  }

  private static void write(String harness, String method, byte[]... seeds) throws IOException {
    Path dir = ROOT.resolve(harness + "Inputs").resolve(method);
    Files.createDirectories(dir);
    for (int i = 0; i < seeds.length; i++) {
      Files.write(dir.resolve(String.format("seed-%02d", i + 1)), seeds[i]);
    }
  }
}
