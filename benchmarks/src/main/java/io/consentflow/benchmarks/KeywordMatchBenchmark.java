package io.consentflow.benchmarks;

import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.flow.KeywordIndex;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * KeywordIndex.match with 10 to 10,000 active flows: a hash lookup after normalising the text, so the time per
 * match should stay flat as the number of flows grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeywordMatchBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int flows;

    private KeywordIndex index;
    /** Not final, so the JIT cannot fold the lookups. */
    private String hit;
    private String miss;

    @Setup
    public void setUp() {
        List<Flow> all = new ArrayList<>(flows);
        for (int i = 0; i < flows; i++) {
            Node node = new Node("n1", List.of(new SendMsg("a1", "hi", List.of(), List.of())), null,
                    List.of(new Exit("e1", null)));
            all.add(new Flow(new UUID(42, i).toString(), "flow " + i, List.of(node), 0,
                    List.of(Keyword.of("topic" + i)), false, true));
        }
        index = KeywordIndex.of(all);
        hit = " Topic-" + (flows / 2) + "! ";
        miss = "hello, is anyone there?";
        if (index.match(hit).isEmpty() || index.match(miss).isPresent()) {
            throw new IllegalStateException("benchmark fixture is wrong");
        }
    }

    @Benchmark
    public void matchHit(Blackhole bh) {
        bh.consume(index.match(hit));
    }

    @Benchmark
    public void matchMiss(Blackhole bh) {
        bh.consume(index.match(miss));
    }
}
