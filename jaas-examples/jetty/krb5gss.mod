# $JETTY_BASE/modules/krb5gss.mod - enable with: java -jar $JETTY_HOME/start.jar --add-modules=krb5gss
# Installs the krb5gss GSS-API provider ahead of the JDK's, so Jetty's SPNEGO uses krb5gss.

[description]
krb5gss: pure-Java Kerberos/SPNEGO acceptor as the JVM's GSS-API provider.

[lib]
lib/krb5gss/*.jar

[files]
etc/krb5gss.security

[xml]
etc/krb5gss-check.xml

[exec]
-Djava.security.properties=${jetty.base}/etc/krb5gss.security
--add-exports=java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED
--add-exports=java.security.jgss/sun.security.jgss=ALL-UNNAMED
