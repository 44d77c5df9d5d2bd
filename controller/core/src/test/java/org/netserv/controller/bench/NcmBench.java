package org.netserv.controller.bench;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netserv.controller.Fixtures;
import org.netserv.controller.auth.ReplayGuard;
import org.netserv.controller.auth.NcmAuthenticator;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of admitting one SETUP at the controller, side by side: parsing alone, parsing plus
 * signature verification per key type, and the replay check. Run:
 * {@code mvn -pl controller/core test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main NcmBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NcmBench {
    @Param({"ed25519", "ecdsa-p256", "rsa-2048"})
    public String key;

    private final NcmParser parser = new NcmParser();
    private String wire;
    private List<PublicKey> keys;
    private ReplayGuard guard;
    private long n;

    @Setup
    public void setUp() throws NcmException {
        final KeyPair k = switch (key) {
            case "ed25519" -> Fixtures.ed25519();
            case "ecdsa-p256" -> Fixtures.ec();
            default -> Fixtures.rsa();
        };
        keys = List.of(k.getPublic());
        wire = Fixtures.sign(Fixtures.setup("NetServ.apps.NetMonitor_1.0.0", "janedoe", 3600,
                "http://publisher.example/modules/netmonitor.jar", "ab".repeat(32), 1_700_000_000L)
                .header("filter-proto", "udp").header("filter-port", "5060").header("filter-dst", "10.1.0.0/16")
                .header("properties", "visualizer_ip=1.2.3.4,visualizer_port=5678"), k);
        guard = new ReplayGuard(300, 65536);
    }

    @Benchmark
    public Ncm parse() throws NcmException {
        return parser.parse(wire);
    }

    @Benchmark
    public boolean parseAndVerify() throws NcmException {
        return NcmAuthenticator.verifies(parser.parse(wire), keys);
    }

    @Benchmark
    public long replayCheck() throws NcmException {
        // 100 requests per second of timestamp: the 300 s window holds 30000 nonces, below capacity
        final long t = 1_700_000_000L + n / 100;
        guard.admit("nonce-" + (n++), t, t);
        return guard.size();
    }
}
