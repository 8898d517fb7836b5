package dev.krb5gss.web.tomcat;

import dev.krb5gss.web.NegotiateFloodContract;
import dev.krb5gss.web.NegotiateHandler;
import org.apache.catalina.realm.NullRealm;

/** The flood contract against the native Tomcat valve on embedded Tomcat 11. */
class TomcatFloodTest extends NegotiateFloodContract {
  private EmbeddedTomcat tomcat;
  private NegotiateAuthenticator valve;

  @Override
  protected int start(NegotiateHandler handler) throws Exception {
    valve = new NegotiateAuthenticator(handler);
    tomcat = EmbeddedTomcat.start(valve, new NullRealm());
    return tomcat.port();
  }

  @Override
  protected void stop() throws Exception {
    tomcat.close();
  }

  @Override
  protected long[] adapterCounts() {
    return new long[] {valve.getPendingCount(), valve.getExpiredCount(), valve.getRefusedCount(),
        valve.getEvictedCount()};
  }
}
