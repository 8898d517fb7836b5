package dev.krb5gss.interop;

/** One keytab entry (an RFC 4120 §5.3 key with its version), as MIT's klist lists it. */
public record KeytabEntry(String principal, int kvno, String enctype) {}
