/**
 * The {@code krb5gss} command ({@code java -jar target/krb5gss-cli.jar}): diagnoses a deployment
 * with the library's own parsers and acceptor. {@code keytab} lists and judges a keytab (MIT
 * keytab format); {@code check} obtains a service ticket with the JDK's initiator and accepts it
 * with a keytab (RFC 4120 §3.2.3, RFC 4121 §4.1); {@code explain} decodes a {@code Negotiate}
 * header (RFC 4559 §4, RFC 4178) without keys and, given a keytab, says why the acceptor would
 * refuse it. Exit status 0 only when the check passes; {@code --json} for scripts. Uses picocli,
 * which only the shaded command jar carries: the library needs none of this package.
 */
package dev.krb5gss.cli;
