package dev.krb5gss.bench;

import dev.krb5gss.testkit.JaasLogins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Wrap and unwrap with confidentiality (RFC 4121 section 4.2.6.2) on the acceptor side of an
 * established krb5 context. The initiator is the JDK's (SunJGSS, pinned on its own manager so
 * it stays the JDK's when our provider is installed), logged in from the MIT ccache; it asks
 * for neither replay nor sequence detection, so unwrapping one peer token again and again is
 * legitimate and the figure is the per-message crypto and framing alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WrapBench {

    @Param("jdk")
    public String acceptor;

    @Param({"1024", "65536"})
    public int size;

    @Param("")
    public String keytab;

    @Param("")
    public String principal;

    /** MIT FILE ccache holding the client's TGT. */
    @Param("")
    public String ccache;

    /** Client principal, e.g. bench@BENCH.TEST. */
    @Param("")
    public String client;

    /**
     * When set, every measured iteration appends "benchmark size cpuNanos operations" to this
     * file: process CPU time per operation, a figure that hardly depends on background load.
     */
    @Param("")
    public String cpuFile;

    private BenchAcceptor opened;
    private BenchContext accepted;
    private GSSContext initiator;
    private byte[] message;
    private byte[] peerToken;
    private long operations;
    private long cpuAtStart;
    private boolean measured;

    @Setup(Level.Trial)
    public void establish() throws Exception {
        opened = BenchAcceptors.factory(acceptor).open(new BenchService(principal, Path.of(keytab)));
        accepted = opened.newContext();
        initiator = jdkInitiator();
        byte[] reply = accepted.accept(initiator.initSecContext(new byte[0], 0, 0));
        initiator.initSecContext(reply, 0, reply.length);
        if (!initiator.isEstablished()) {
            throw new IllegalStateException("expected the initiator established after the AP-REP");
        }
        message = new byte[size];
        new Random(size).nextBytes(message);
        peerToken = initiator.wrap(message, 0, size, new MessageProp(0, true));
        byte[] wrapped = accepted.wrap(message);
        byte[] roundTrip = initiator.unwrap(wrapped, 0, wrapped.length, new MessageProp(0, true));
        if (!Arrays.equals(message, accepted.unwrap(peerToken)) || !Arrays.equals(message, roundTrip)) {
            throw new IllegalStateException("wrap/unwrap round trip changed the message");
        }
    }

    private GSSContext jdkInitiator() throws Exception {
        Subject subject = JaasLogins.initiatorFromCache(client, Path.of(ccache));
        GSSManager manager = GSSManager.getInstance();
        Provider sunJgss = Security.getProvider("SunJGSS");
        manager.addProviderAtFront(sunJgss, GssApiAcceptor.KRB5);
        return GssApiAcceptor.asSubject(subject, () -> {
            GSSCredential credential = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME,
                    GssApiAcceptor.KRB5, GSSCredential.INITIATE_ONLY);
            GSSContext context = manager.createContext(
                    manager.createName(principal, GssApiAcceptor.KRB5_PRINCIPAL_NAME),
                    GssApiAcceptor.KRB5, credential, GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestConf(true);
            context.requestInteg(true);
            context.requestReplayDet(false);
            context.requestSequenceDet(false);
            return context;
        });
    }

    @Setup(Level.Iteration)
    public void startCounting(IterationParams iteration) {
        measured = iteration.getType() == IterationType.MEASUREMENT;
        operations = 0;
        cpuAtStart = ProcessCpu.nanos();
    }

    @TearDown(Level.Iteration)
    public void recordCpu(BenchmarkParams benchmark) throws IOException {
        long cpu = ProcessCpu.nanos() - cpuAtStart;
        if (measured && !cpuFile.isEmpty()) {
            String method = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
            Files.writeString(Path.of(cpuFile), method + " " + size + " " + cpu + " " + operations + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    @TearDown(Level.Trial)
    public void dispose() throws Exception {
        accepted.dispose();
        initiator.dispose();
        opened.close();
    }

    @Benchmark
    public byte[] wrap() throws Exception {
        operations++;
        return accepted.wrap(message);
    }

    @Benchmark
    public byte[] unwrap() throws Exception {
        operations++;
        return accepted.unwrap(peerToken);
    }
}
