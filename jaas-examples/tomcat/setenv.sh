# $CATALINA_BASE/bin/setenv.sh: JVM options for Tomcat with krb5gss.
# The keytab and principal for tomcat/jaas.conf (or write them into jaas.conf directly):
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.auth.login.config=$CATALINA_BASE/conf/jaas.conf"
CATALINA_OPTS="$CATALINA_OPTS -Dkrb5gss.keytab=$CATALINA_BASE/conf/http.keytab"
CATALINA_OPTS="$CATALINA_OPTS -Dkrb5gss.principal=HTTP/www.example.com@EXAMPLE.COM"
# krb5gss and its dependencies (Kerby, Guava) on the JVM class path, not in $CATALINA_BASE/lib:
# a provider named in java.security is loaded by the system class loader.
CLASSPATH="$CLASSPATH:$CATALINA_BASE/krb5gss/*"
export CLASSPATH
# Optional: let krb5gss accept instead of the JDK (see ../java.security/README.md).
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.properties=$CATALINA_BASE/conf/krb5gss.security"
CATALINA_OPTS="$CATALINA_OPTS --add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED"
CATALINA_OPTS="$CATALINA_OPTS --add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED"
export CATALINA_OPTS
