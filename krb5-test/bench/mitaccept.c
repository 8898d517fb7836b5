/*
 * mitaccept: times MIT krb5's gss_accept_sec_context (RFC 2743 section 2.2.2) over every
 * token of a token file, replay cache on.
 *
 *   mitaccept [-t THREADS] [-w WARM] [-n] service@host token-file
 *
 * -w WARM accepts the first WARM tokens on one thread before the clock starts (the plain loop's
 * warm-up, for symmetry with the JVM rows; C has no JIT, but the first accepts also load the
 * keytab and create the replay cache file); only the rest are timed and counted. -n also asks
 * for the initiator's name and displays it (gss_display_name, RFC 2743 section 2.4.4), as a
 * server does to learn who the client is: the Java loop's getSrcName().toString().
 *
 * Keys come from KRB5_KTNAME; the replay cache is MIT's default one ("dfl", a file2 cache
 * under KRB5RCACHEDIR): the caller gives each run a fresh, empty directory, because a token
 * passes a replay cache only once. THREADS threads share the file out token by token (thread
 * k takes tokens k, k + THREADS, ...), so together they move through it in time order as
 * requests reach a server; each has its own acceptor credential and the replay cache file is
 * shared, as in a server.
 *
 * Every accept must return GSS_S_COMPLETE; any failure is counted, reported and makes the
 * program exit non-zero without a result. Afterwards the first token is offered again and
 * must be refused as a replay, which proves the cache was on. On success one line:
 *   RESULT impl=mit threads=T tokens=N seconds=S cpu_seconds=C accepts_per_s=X us_per_accept=Y
 *          cpu_us_per_accept=Z
 * where us_per_accept = T / (accepts per second), the time one thread spends per accept, and
 * cpu_us_per_accept is the process's CPU time (user + system) per accept: on a busy machine
 * wall time counts the other processes too, CPU time hardly does.
 */
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>
#include <com_err.h>
#include "benchcommon.h"

struct worker {
    pthread_t thread;
    const struct bench_tokens *tokens;
    size_t first, stride;       /* tokens first, first + stride, ... of the file */
    gss_cred_id_t cred;
    size_t failures;
    OM_uint32 first_major, first_minor;
};

static pthread_barrier_t start_line;
static int want_name;

static gss_cred_id_t acquire_acceptor(gss_name_t service)
{
    OM_uint32 major, minor;
    gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;

    /* GSS_C_NO_OID_SET: all mechanisms, so the credential accepts krb5 and SPNEGO tokens. */
    major = gss_acquire_cred(&minor, service, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                             GSS_C_ACCEPT, &cred, NULL, NULL);
    if (GSS_ERROR(major))
        bench_die_gss("gss_acquire_cred(accept)", major, minor);
    return cred;
}

/* Accepts one initial token on a fresh context; returns the major status. */
static OM_uint32 accept_one(gss_cred_id_t cred, const unsigned char *token, size_t length,
                            OM_uint32 *minor)
{
    OM_uint32 major, ignored;
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_buffer_desc in = { length, (void *)token };
    gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
    gss_name_t source = GSS_C_NO_NAME;

    major = gss_accept_sec_context(minor, &ctx, cred, &in, GSS_C_NO_CHANNEL_BINDINGS,
                                   want_name ? &source : NULL, NULL, &out, NULL, NULL, NULL);
    gss_release_buffer(&ignored, &out);
    if (source != GSS_C_NO_NAME) {
        gss_buffer_desc shown = GSS_C_EMPTY_BUFFER;
        OM_uint32 name_minor, name_major = gss_display_name(&name_minor, source, &shown, NULL);
        if (GSS_ERROR(name_major) || shown.length == 0)
            bench_die_gss("gss_display_name", name_major, name_minor);
        gss_release_buffer(&ignored, &shown);
        gss_release_name(&ignored, &source);
    }
    if (ctx != GSS_C_NO_CONTEXT) {
        OM_uint32 del_minor, del_major = gss_delete_sec_context(&del_minor, &ctx, GSS_C_NO_BUFFER);
        if (GSS_ERROR(del_major))
            bench_die_gss("gss_delete_sec_context", del_major, del_minor);
    }
    return major;
}

static void *run_worker(void *arg)
{
    struct worker *w = arg;
    OM_uint32 major, minor;

    pthread_barrier_wait(&start_line);
    for (size_t i = w->first; i < w->tokens->count; i += w->stride) {
        major = accept_one(w->cred, w->tokens->tokens[i], w->tokens->lengths[i], &minor);
        if (major != GSS_S_COMPLETE && w->failures++ == 0) {
            w->first_major = major;
            w->first_minor = minor;
        }
    }
    return NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time (user + system) of the whole process so far. */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* True when the mechanism's minor status displays as krb5's "Request is a replay". */
static int minor_is_replay(OM_uint32 minor)
{
    OM_uint32 ignored, context = 0;
    gss_buffer_desc msg;
    const char *replay = error_message(KRB5KRB_AP_ERR_REPEAT);
    int same;

    if (GSS_ERROR(gss_display_status(&ignored, minor, GSS_C_MECH_CODE, GSS_C_NO_OID,
                                     &context, &msg)))
        return 0;
    same = msg.length == strlen(replay) && memcmp(msg.value, replay, msg.length) == 0;
    gss_release_buffer(&ignored, &msg);
    return same;
}

/*
 * The first token again: a working replay cache refuses it. The krb5 mechanism says
 * GSS_S_DUPLICATE_TOKEN; through SPNEGO it is GSS_S_FAILURE with krb5's replay error as the
 * (mechglue-mapped) minor status, so the minor is compared by its message.
 */
static void check_replay_refused(gss_cred_id_t cred, const struct bench_tokens *t)
{
    OM_uint32 minor, major = accept_one(cred, t->tokens[0], t->lengths[0], &minor);

    if (major == GSS_S_COMPLETE)
        bench_die("replay check: a replayed token was accepted; is the replay cache off?");
    if (major != GSS_S_DUPLICATE_TOKEN && !minor_is_replay(minor))
        bench_die_gss("replay check (expected a replay error)", major, minor);
}

int main(int argc, char **argv)
{
    struct worker *workers;
    struct bench_tokens tokens;
    gss_name_t service;
    size_t failures = 0;
    long threads = 1;
    size_t warm = 0, measured;
    double start, seconds, cpu_start, cpu;
    OM_uint32 minor;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            threads = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc)
            warm = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-n") == 0)
            want_name = 1;
        else
            bench_die("usage: mitaccept [-t THREADS] [-w WARM] [-n] service@host token-file");
    }
    if (threads < 1 || threads > 64 || argc - i != 2)
        bench_die("usage: mitaccept [-t THREADS] [-w WARM] [-n] service@host token-file");
    service = bench_import_service(argv[i]);
    tokens = bench_load_tokens(argv[i + 1]);
    if (tokens.count < warm + (size_t)threads)
        bench_die("token file has fewer tokens than the warm-up plus one per thread");
    measured = tokens.count - warm;

    workers = calloc(threads, sizeof(*workers));
    if (workers == NULL || pthread_barrier_init(&start_line, NULL, threads + 1) != 0)
        bench_die("out of memory");
    for (long k = 0; k < threads; k++) {
        struct worker *w = &workers[k];
        w->tokens = &tokens;
        w->first = warm + k;
        w->stride = threads;
        w->cred = acquire_acceptor(service);
        if (pthread_create(&w->thread, NULL, run_worker, w) != 0)
            bench_die("pthread_create failed");
    }

    for (size_t n = 0; n < warm; n++) {
        OM_uint32 warm_minor, warm_major = accept_one(workers[0].cred, tokens.tokens[n],
                                                       tokens.lengths[n], &warm_minor);
        if (warm_major != GSS_S_COMPLETE)
            bench_die_gss("warm-up accept", warm_major, warm_minor);
    }
    cpu_start = cpu_seconds();
    pthread_barrier_wait(&start_line);
    start = now_seconds();
    for (long k = 0; k < threads; k++)
        pthread_join(workers[k].thread, NULL);
    seconds = now_seconds() - start;
    cpu = cpu_seconds() - cpu_start;

    for (long k = 0; k < threads; k++) {
        if (workers[k].failures > 0) {
            fprintf(stderr, "thread %ld: %zu accepts failed; the first:\n", k, workers[k].failures);
            bench_print_status(workers[k].first_major, GSS_C_GSS_CODE, GSS_C_NO_OID);
            bench_print_status(workers[k].first_minor, GSS_C_MECH_CODE, GSS_C_NO_OID);
        }
        failures += workers[k].failures;
    }
    if (failures > 0)
        bench_die("FAILED: not every accept returned GSS_S_COMPLETE");
    check_replay_refused(workers[0].cred, &tokens);

    printf("RESULT impl=mit threads=%ld tokens=%zu seconds=%.6f cpu_seconds=%.6f accepts_per_s=%.1f"
           " us_per_accept=%.3f cpu_us_per_accept=%.3f\n", threads, measured, seconds, cpu,
           measured / seconds, 1e6 * seconds * threads / measured, 1e6 * cpu / measured);

    for (long k = 0; k < threads; k++)
        gss_release_cred(&minor, &workers[k].cred);
    gss_release_name(&minor, &service);
    return 0;
}
