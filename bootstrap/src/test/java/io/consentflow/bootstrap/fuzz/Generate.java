package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Builds an endpoint's inputs, each from a {@link Random} of its own derived from the seed, the endpoint and the
 * input's index, so any single input regenerates alone and the inputs can be built in parallel.
 */
final class Generate {
    private Generate() {
    }

    static Random random(String endpoint, int index) {
        long x = FuzzConfig.SEED * 0x9E3779B97F4A7C15L + endpoint.hashCode() * 0xC2B2AE3D27D4EB4FL + index;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return new Random(x);
    }

    static List<FuzzCase> cases(String endpoint, int count, List<String> vocabulary,
                                BiFunction<Integer, Mutator, FuzzCase> make) {
        long t0 = System.nanoTime();
        List<FuzzCase> out = IntStream.range(0, count).parallel()
                .mapToObj(i -> make.apply(i, new Mutator(random(endpoint, i), vocabulary)))
                .toList();
        System.out.println("[fuzz] generated " + count + " inputs for " + endpoint + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return out;
    }

    /**
     * The body of one input from a valid {@code tree} (changed in place): 12% as it is, 58% tree mutations, 18%
     * tree and byte mutations, 11% byte mutations only, 1% padded over {@code limit} bytes (when there is one).
     */
    static byte[] body(JsonNode tree, Mutator mut, List<String> how, long limit) {
        JsonText text = new JsonText().asciiOnly(mut.chance(0.3));
        int kind = mut.random().nextInt(100);
        if (kind < 12) return text.bytes(tree);
        if (kind < 70) {
            how.addAll(mut.mutateTree(tree, text, 4));
            return text.bytes(tree);
        }
        if (kind < 88) {
            how.addAll(mut.mutateTree(tree, text, 3));
            return bytes(mut, text.bytes(tree), how);
        }
        if (kind < 99 || limit <= 0 || !(tree instanceof ObjectNode o)) return bytes(mut, text.bytes(tree), how);
        o.put("padding", "x".repeat((int) limit + mut.random().nextInt(4096)));
        how.add("over the body limit");
        return text.bytes(tree);
    }

    private static byte[] bytes(Mutator mut, byte[] in, List<String> how) {
        Map.Entry<String, byte[]> m = mut.mutateBytes(in);
        how.add(m.getKey());
        return m.getValue();
    }
}
