/**
 * Micrometer metrics for every acceptor in the JVM (optional: needs {@code io.micrometer:
 * micrometer-core} on the class path; the rest of krb5gss does not). Bind
 * {@link dev.krb5gss.metrics.Krb5GssMetrics} to the application's {@code MeterRegistry}. Tag
 * values are bounded sets: mechanism, outcome, Reason name, service class and an index; never a
 * client principal, an address or a service principal name.
 */
package dev.krb5gss.metrics;
