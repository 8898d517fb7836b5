/*
 * tokgen: writes N distinct initial context tokens (AP-REQs, RFC 4121 section 4.1, or
 * SPNEGO NegTokenInits carrying one, RFC 4178 section 4.2.1) for one service to a file.
 *
 *   tokgen [-spnego] -n N service@host out-file
 *
 * Uses the default credential cache (KRB5CCNAME). Every gss_init_sec_context call on a
 * fresh context builds a new authenticator (new ctime/cusec and subkey), so the tokens are
 * distinct and each can pass an acceptor's replay cache once. The context is deleted right
 * after its token is written: nobody ever answers it.
 */
#include "benchcommon.h"

/* SPNEGO, RFC 4178 section 3: iso.org.dod.internet.security.mechanism.snego (1.3.6.1.5.5.2). */
static gss_OID_desc spnego_oid = { 6, (void *)"\x2b\x06\x01\x05\x05\x02" };

#define INIT_FLAGS (GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | GSS_C_SEQUENCE_FLAG | \
                    GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG)

static void usage(void)
{
    bench_die("usage: tokgen [-spnego] -n N service@host out-file");
}

/* One initial token on a fresh context; the context is deleted before returning. */
static void write_one(FILE *out, gss_cred_id_t cred, gss_name_t target, gss_OID mech)
{
    OM_uint32 major, minor;
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_buffer_desc token = GSS_C_EMPTY_BUFFER;

    major = gss_init_sec_context(&minor, cred, &ctx, target, mech, INIT_FLAGS, 0,
                                 GSS_C_NO_CHANNEL_BINDINGS, GSS_C_NO_BUFFER,
                                 NULL, &token, NULL, NULL);
    /* With mutual authentication the initiator waits for the AP-REP: CONTINUE_NEEDED. */
    if (major != GSS_S_CONTINUE_NEEDED)
        bench_die_gss("gss_init_sec_context", major, minor);
    if (token.length == 0)
        bench_die("gss_init_sec_context produced an empty token");
    bench_write_token(out, &token);
    gss_release_buffer(&minor, &token);
    major = gss_delete_sec_context(&minor, &ctx, GSS_C_NO_BUFFER);
    if (GSS_ERROR(major))
        bench_die_gss("gss_delete_sec_context", major, minor);
}

int main(int argc, char **argv)
{
    OM_uint32 major, minor;
    gss_OID mech = gss_mech_krb5;
    gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
    gss_name_t target;
    FILE *out;
    long n = 0;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-spnego") == 0)
            mech = &spnego_oid;
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            n = strtol(argv[++i], NULL, 10);
        else
            usage();
    }
    if (n <= 0 || argc - i != 2)
        usage();
    target = bench_import_service(argv[i]);

    /* One initiator credential for all tokens: the ccache is resolved once. */
    major = gss_acquire_cred(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                             GSS_C_INITIATE, &cred, NULL, NULL);
    if (GSS_ERROR(major))
        bench_die_gss("gss_acquire_cred(initiate)", major, minor);

    out = fopen(argv[i + 1], "wb");
    if (out == NULL)
        bench_die("cannot create output file");
    for (long i = 0; i < n; i++)
        write_one(out, cred, target, mech);
    if (fclose(out) != 0)
        bench_die("closing output file failed");

    gss_release_cred(&minor, &cred);
    gss_release_name(&minor, &target);
    return 0;
}
