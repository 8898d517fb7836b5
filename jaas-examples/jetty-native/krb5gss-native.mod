# $JETTY_BASE/modules/krb5gss-native.mod - enable with:
#   java -jar $JETTY_HOME/start.jar --add-modules=krb5gss-native
# krb5gss's own Negotiate authenticator (no JAAS, no GSS provider, no JVM flags): see README.md.

[description]
krb5gss native HTTP Negotiate (Kerberos/SPNEGO) authentication for the server's handler.

[depend]
server

[lib]
lib/krb5gss/*.jar

[xml]
etc/krb5gss-native.xml

[ini-template]
## The service's keytab (required).
# krb5gss.keytab=/etc/http.keytab
## Service principals of the keytab to accept tickets for (default *: every one).
# krb5gss.principal=HTTP/web.example.com@EXAMPLE.COM
## Users and their roles, Jetty's HashLoginService format ("alice: ,users").
# krb5gss.users=etc/krb5gss-users.properties
## The path to protect and the role it needs.
# krb5gss.path=/*
# krb5gss.role=users
## Durations: ISO-8601 (PT5M) or whole seconds (300).
# krb5gss.maxSkew=PT5M
# krb5gss.legTimeout=PT30S
## true keeps a keep-alive connection authenticated (default false; never behind a pooling proxy).
# krb5gss.persistOnConnection=false
# krb5gss.allowRc4=false
# krb5gss.stripRealm=true
