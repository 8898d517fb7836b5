package dev.krb5gss.bench;

/**
 * One acceptor-side security context under benchmark (RFC 2743 section 1.1.3): it takes the
 * initiator's single initial token and then protects messages (RFC 4121 section 4.2.6.2).
 */
public interface BenchContext {

    /**
     * Consumes the initiator's initial token (RFC 2743 section 3.1 framing).
     *
     * @return the reply token (AP-REP or SPNEGO NegTokenResp), possibly empty
     * @throws Exception if the token is refused or the context is not established after it
     */
    byte[] accept(byte[] initialToken) throws Exception;

    /** Wraps a message with confidentiality (GSS_Wrap, conf_req_flag true). */
    byte[] wrap(byte[] message) throws Exception;

    /** Unwraps a token the peer wrapped (GSS_Unwrap). */
    byte[] unwrap(byte[] token) throws Exception;

    /**
     * The initiator's name as a string, what a server asks once the context is established
     * (GSS_Inquire_context src_name and GSS_Display_name, RFC 2743 sections 2.2.6 and 2.4.4;
     * {@code getSrcName().toString()} in Java).
     */
    String sourceName() throws Exception;

    /** Releases the context (GSS_Delete_sec_context). */
    void dispose() throws Exception;
}
