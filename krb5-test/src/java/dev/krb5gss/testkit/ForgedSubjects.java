package dev.krb5gss.testkit;

import java.time.Clock;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;

/**
 * Builds client Subjects from forged tickets, shaped the way the JDK's Kerberos mechanism reads
 * them (sun.security.jgss.krb5.Krb5InitCredential takes the client's first ticket as its TGT;
 * Krb5Context reuses a service ticket found in the Subject instead of a TGS exchange).
 */
final class ForgedSubjects {
    private ForgedSubjects() {
    }

    static Subject initiator(ForgedTicket serviceTicket, ForgeCrypto crypto, Clock clock) {
        String realm = KerbyNames.realm(serviceTicket.client());
        String krbtgt = "krbtgt/" + realm + "@" + realm;
        AesEnctype enctype = serviceTicket.sessionKey().enctype();
        LongTermKey throwAway = new LongTermKey(krbtgt, enctype, 1, crypto.randomKey(enctype));
        ForgedTicket tgt = TicketForge.forService(throwAway).withCrypto(crypto).withClock(clock).ticket()
                .client(serviceTicket.client())
                .flags(TicketFlag.FORWARDABLE, TicketFlag.INITIAL, TicketFlag.PRE_AUTH)
                .authTime(serviceTicket.authTime())
                .startTime(serviceTicket.startTime())
                .endTime(serviceTicket.endTime())
                .build();
        Subject subject = new Subject();
        subject.getPrincipals().add(new KerberosPrincipal(serviceTicket.client()));
        subject.getPrivateCredentials().add(tgt.toKerberosTicket());
        subject.getPrivateCredentials().add(serviceTicket.toKerberosTicket());
        return subject;
    }
}
