# $CATALINA_BASE/bin/setenv.sh: JVM options for Tomcat's SpnegoAuthenticator on krb5gss.
# The JAAS file, and the keytab and principal for its ${...} placeholders (or write them in):
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.auth.login.config=$CATALINA_BASE/conf/jaas.conf"
CATALINA_OPTS="$CATALINA_OPTS -Dkrb5gss.keytab=$CATALINA_BASE/conf/http.keytab"
CATALINA_OPTS="$CATALINA_OPTS -Dkrb5gss.principal=HTTP/www.example.com@EXAMPLE.COM"
# The krb5gss provider needs the JDK's GSS SPI; the Krb5GssCheckListener of server.xml installs
# it first in the provider list when Tomcat starts, and stops Tomcat if krb5gss does not serve
# Kerberos (the jars krb5gss, guava, failureaccess go in $CATALINA_BASE/lib).
CATALINA_OPTS="$CATALINA_OPTS --add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED"
CATALINA_OPTS="$CATALINA_OPTS --add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED"
export CATALINA_OPTS
