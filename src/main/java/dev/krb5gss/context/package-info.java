/**
 * The acceptor's server context: the SSPI server flow ("Server Context Initialization":
 * AcquireCredentialsHandle inbound once, then AcceptSecurityContext per leg, every output buffer
 * sent back, a wait for further legs that times out) as the state machine behind RFC 2743 §2.2.2
 * GSS_Accept_sec_context, for Kerberos V5 (RFC 4121) and SPNEGO (RFC 4178).
 *
 * <table>
 *   <caption>SSPI, GSS-API and krb5gss</caption>
 *   <tr><th>SSPI</th><th>GSS-API (RFC 2743)</th><th>krb5gss</th></tr>
 *   <tr><td>AcquireCredentialsHandle (SECPKG_CRED_INBOUND)</td><td>GSS_Acquire_cred (ACCEPT)</td>
 *       <td>{@code Acceptor.builder()...build()}</td></tr>
 *   <tr><td>AcceptSecurityContext, first call (new CtxtHandle)</td>
 *       <td>GSS_Accept_sec_context with GSS_C_NO_CONTEXT</td>
 *       <td>{@code acceptor.newContext()} / {@code pendingContexts().begin(key)}, state NEW,
 *       then {@code accept(token)}; later legs {@code pendingContexts().resume(key)}</td></tr>
 *   <tr><td>SEC_E_OK</td><td>GSS_S_COMPLETE</td>
 *       <td>{@code AcceptStatus.COMPLETE}, state ESTABLISHED</td></tr>
 *   <tr><td>SEC_I_CONTINUE_NEEDED</td><td>GSS_S_CONTINUE_NEEDED</td>
 *       <td>{@code CONTINUE_NEEDED}, state AWAITING_NEXT_LEG, leg deadline = now + leg timeout</td></tr>
 *   <tr><td>SEC_I_COMPLETE_AND_CONTINUE</td><td>GSS_S_CONTINUE_NEEDED (inner mechanism complete)</td>
 *       <td>{@code COMPLETE_AND_CONTINUE}: Kerberos done, SPNEGO awaits the client's
 *       mechListMIC; state AWAITING_NEXT_LEG</td></tr>
 *   <tr><td>output SecBuffer (must be sent)</td><td>output_token</td>
 *       <td>{@code AcceptResult.outputToken()}, or {@code RejectedException.errorToken()} on
 *       failure (KRB-ERROR, SPNEGO reject)</td></tr>
 *   <tr><td>SEC_E_LOGON_DENIED, SEC_E_INVALID_TOKEN, ...</td><td>GSS_S_FAILURE, DEFECTIVE_TOKEN, ...</td>
 *       <td>{@code RejectedException} with a {@code Reason}; state FAILED, keys wiped</td></tr>
 *   <tr><td>SEC_E_CONTEXT_EXPIRED (server timed out the wait)</td><td>GSS_S_CONTEXT_EXPIRED</td>
 *       <td>{@code Reason.CONTEXT_EXPIRED}; state EXPIRED, keys wiped</td></tr>
 *   <tr><td>SEC_E_INSUFFICIENT_MEMORY (too many contexts)</td><td>GSS_S_FAILURE</td>
 *       <td>a slot is taken only when a leg needs another; a full store evicts (the next leg
 *       gets {@code Reason.PENDING_EVICTED}); {@code Reason.TOO_MANY_PENDING} past the per-client
 *       cap</td></tr>
 *   <tr><td>DeleteSecurityContext</td><td>GSS_Delete_sec_context</td>
 *       <td>{@code dispose()}, state DISPOSED, keys wiped</td></tr>
 *   <tr><td>SEC_E_INVALID_HANDLE (context used after failure or deletion)</td>
 *       <td>GSS_S_NO_CONTEXT</td><td>{@code Reason.NO_CONTEXT} (EXPIRED: CONTEXT_EXPIRED)</td></tr>
 * </table>
 */
package dev.krb5gss.context;
