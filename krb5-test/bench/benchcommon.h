/*
 * Shared helpers of the benchmark's C programs (tokgen.c, mitaccept.c):
 * GSS status reporting and the token file format.
 *
 * Token file: a sequence of records, each a 4-byte big-endian length followed by that
 * many bytes of one GSS initial context token (RFC 2743 section 3.1 framing, as
 * gss_init_sec_context produced it). Nothing else: no header, no trailer.
 */
#ifndef BENCHCOMMON_H
#define BENCHCOMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>

/* Largest token we accept from a file: far above any AP-REQ, far below memory trouble. */
#define BENCH_MAX_TOKEN (1u << 20)

/* Prints every message of one status code (major or minor) to stderr. */
static inline void bench_print_status(OM_uint32 code, int type, const gss_OID mech)
{
    OM_uint32 minor, context = 0;
    gss_buffer_desc msg;

    do {
        if (GSS_ERROR(gss_display_status(&minor, code, type, mech, &context, &msg)))
            return;
        fprintf(stderr, "  %.*s\n", (int)msg.length, (char *)msg.value);
        gss_release_buffer(&minor, &msg);
    } while (context != 0);
}

/* Reports a failed GSS call with both status codes and exits. */
static inline void bench_die_gss(const char *what, OM_uint32 major, OM_uint32 minor)
{
    fprintf(stderr, "%s failed (major 0x%08x, minor %u):\n", what, major, minor);
    bench_print_status(major, GSS_C_GSS_CODE, GSS_C_NO_OID);
    bench_print_status(minor, GSS_C_MECH_CODE, GSS_C_NO_OID);
    exit(2);
}

static inline void bench_die(const char *msg)
{
    fprintf(stderr, "%s\n", msg);
    exit(2);
}

/* Imports "service@host" as a GSS_C_NT_HOSTBASED_SERVICE name (RFC 2743 section 4.1). */
static inline gss_name_t bench_import_service(const char *service)
{
    OM_uint32 major, minor;
    gss_buffer_desc buf = { strlen(service), (void *)service };
    gss_name_t name = GSS_C_NO_NAME;

    major = gss_import_name(&minor, &buf, GSS_C_NT_HOSTBASED_SERVICE, &name);
    if (GSS_ERROR(major))
        bench_die_gss("gss_import_name", major, minor);
    return name;
}

static inline void bench_write_token(FILE *out, const gss_buffer_t token)
{
    unsigned char len[4];
    uint32_t n = (uint32_t)token->length;

    len[0] = n >> 24; len[1] = n >> 16; len[2] = n >> 8; len[3] = n;
    if (fwrite(len, 1, 4, out) != 4 || fwrite(token->value, 1, n, out) != n)
        bench_die("write to token file failed");
}

/* A token file loaded into memory: tokens[i] of lengths[i] bytes, i < count. */
struct bench_tokens {
    size_t count;
    unsigned char **tokens;
    size_t *lengths;
};

/* Reads the whole file; every length is checked against what remains and BENCH_MAX_TOKEN. */
static inline struct bench_tokens bench_load_tokens(const char *path)
{
    struct bench_tokens t = { 0, NULL, NULL };
    size_t cap = 0;
    unsigned char len[4];
    FILE *in = fopen(path, "rb");

    if (in == NULL)
        bench_die("cannot open token file");
    for (;;) {
        size_t got = fread(len, 1, 4, in);
        if (got == 0)
            break;
        if (got != 4)
            bench_die("token file: truncated length prefix");
        uint32_t n = (uint32_t)len[0] << 24 | (uint32_t)len[1] << 16 | (uint32_t)len[2] << 8 | len[3];
        if (n == 0 || n > BENCH_MAX_TOKEN)
            bench_die("token file: bad record length");
        if (t.count == cap) {
            cap = cap ? cap * 2 : 1024;
            t.tokens = realloc(t.tokens, cap * sizeof(*t.tokens));
            t.lengths = realloc(t.lengths, cap * sizeof(*t.lengths));
            if (t.tokens == NULL || t.lengths == NULL)
                bench_die("out of memory");
        }
        t.tokens[t.count] = malloc(n);
        if (t.tokens[t.count] == NULL)
            bench_die("out of memory");
        if (fread(t.tokens[t.count], 1, n, in) != n)
            bench_die("token file: truncated record");
        t.lengths[t.count++] = n;
    }
    if (ferror(in))
        bench_die("token file: read error");
    fclose(in);
    return t;
}

#endif
