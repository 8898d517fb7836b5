package dev.krb5gss.web.tomcat;

import dev.krb5gss.pac.Pac;
import dev.krb5gss.web.SidRoleMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSName;

/**
 * A Tomcat realm for the <b>stock</b> {@code org.apache.catalina.authenticator.SpnegoAuthenticator}
 * on the krb5gss provider: the user is the context's initiator (RFC 2743 §2.2.6 src_name), with
 * the realm stripped when {@code stripRealmForGss} (default true, as Tomcat's) says so, and the
 * roles come from the verified PAC (MS-PAC) of the context through a {@link SidRoleMapper}:
 *
 * <pre>
 * &lt;Realm className="dev.krb5gss.web.tomcat.PacRealm" roleMapping="/etc/tomcat/roles.properties"/&gt;
 * </pre>
 *
 * <p>A ticket without a PAC (an MIT realm) authenticates with no roles. A context that is not the
 * krb5gss provider's (the JDK's own Kerberos answered) cannot show its PAC: authentication fails
 * and a WARNING says why. This realm knows no passwords: other auth methods find no users.
 * Each principal carries the PAC as attribute {@value #PAC_ATTRIBUTE}.
 */
public class PacRealm extends RealmBase {
  /** The {@code GenericPrincipal} attribute holding the client's {@link Pac}. */
  public static final String PAC_ATTRIBUTE = "dev.krb5gss.pac";

  private volatile String roleMapping;
  private volatile SidRoleMapper mapper;

  /** For configuration by attributes ({@link #setRoleMapping}). */
  public PacRealm() {}

  /** A realm with a mapping built in code. */
  public PacRealm(SidRoleMapper mapper) {
    this.mapper = mapper;
  }

  /** The {@code SID = role} file ({@link SidRoleMapper} format) read when the realm starts. */
  public void setRoleMapping(String roleMapping) {
    this.roleMapping = roleMapping;
  }

  public String getRoleMapping() {
    return roleMapping;
  }

  @Override
  protected void startInternal() throws LifecycleException {
    if (roleMapping != null) {
      try {
        mapper = SidRoleMapper.load(Path.of(roleMapping));
      } catch (IOException | IllegalArgumentException e) {
        throw new LifecycleException("PacRealm attribute roleMapping=\"" + roleMapping
            + "\": " + e.getMessage(), e);
      }
    }
    if (mapper == null) {
      throw new LifecycleException("PacRealm needs roleMapping=\"/path/roles.properties\"");
    }
    super.startInternal();
  }

  @Override
  protected Principal getPrincipal(GSSName gssName, GSSCredential gssCredential,
      GSSContext gssContext) {
    Optional<Pac> pac = PacRealms.pacOrNull(gssName, gssContext, PacRealm.class);
    if (pac == null) {
      return null;
    }
    Set<String> roles = pac.map(mapper::roles).orElse(Set.of());
    Map<String, Object> attributes = new HashMap<>();
    pac.ifPresent(p -> attributes.put(PAC_ATTRIBUTE, p));
    String user = PacRealms.strip(gssName.toString(), isStripRealmForGss());
    return new GenericPrincipal(user, List.copyOf(roles), null, null, gssCredential, attributes);
  }

  /** This realm knows no passwords. */
  @Override
  protected String getPassword(String username) {
    return null;
  }

  /** Users exist only through a GSS-API context; no other auth method finds one. */
  @Override
  protected Principal getPrincipal(String username) {
    return null;
  }

  @Override
  public String toString() {
    return "PacRealm[" + (mapper != null ? mapper : roleMapping) + "]";
  }
}
