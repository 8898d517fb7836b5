package dev.krb5gss.ap;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.TicketForge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A service key shared by the kit's {@link TicketForge} and our {@link ServiceKeyTable}, with
 * fixed clocks for the forge ("the client") and the acceptor, for negative cases.
 */
final class ForgeFixture {
  static final String REALM = "FORGE.TEST";
  static final String SERVICE = "HTTP/www.forge.test@" + REALM;
  static final String CLIENT = "alice@" + REALM;
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00.250Z");

  final dev.krb5gss.testkit.LongTermKey kitKey;
  final Clock acceptorClock;
  final TicketForge forge;

  private ForgeFixture(AesEnctype enctype, int kvno, Duration clientClockOffset) {
    this.kitKey = new dev.krb5gss.testkit.LongTermKey(SERVICE, enctype, kvno,
        ForgeCrypto.kerby().randomKey(enctype));
    this.acceptorClock = Clock.fixed(NOW, ZoneOffset.UTC);
    this.forge = TicketForge.forService(kitKey)
        .withClock(Clock.offset(acceptorClock, clientClockOffset));
  }

  static ForgeFixture aes256() {
    return new ForgeFixture(AesEnctype.AES256_CTS_HMAC_SHA1_96, 3, Duration.ZERO);
  }

  static ForgeFixture of(AesEnctype enctype, int kvno) {
    return new ForgeFixture(enctype, kvno, Duration.ZERO);
  }

  /** The client's clock is {@code offset} ahead of the acceptor's (negative: behind). */
  static ForgeFixture withClientClockOffset(Duration offset) {
    return new ForgeFixture(AesEnctype.AES256_CTS_HMAC_SHA1_96, 3, offset);
  }

  /** Our key table holding exactly {@code keys} (the kit's key type converted). */
  static ServiceKeyTable table(dev.krb5gss.testkit.LongTermKey... keys) {
    List<ServiceKey> ours = new ArrayList<>();
    for (dev.krb5gss.testkit.LongTermKey k : keys) {
      ours.add(new ServiceKey(PrincipalName.parse(k.principal(), ""), k.kvno(),
          EncType.of(k.enctype().id()), SecretBytes.copyOf(k.keyBytes())));
    }
    return ServiceKeyTable.of(ours);
  }

  ServiceKeyTable keytab() {
    return table(kitKey);
  }

  ApPolicy.Builder policy() {
    return ApPolicy.builder().clock(acceptorClock);
  }

  ApAcceptor acceptor() {
    return new ApAcceptor(keytab(), policy().build());
  }

  ApAcceptor acceptor(ApPolicy policy) {
    return new ApAcceptor(keytab(), policy);
  }

  /** A valid AP-REQ token for {@link #CLIENT}. */
  byte[] validToken() {
    return forge.apReq(forge.ticket().client(CLIENT).build()).build().gssToken();
  }
}
