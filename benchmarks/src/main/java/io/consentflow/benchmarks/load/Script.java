package io.consentflow.benchmarks.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What one simulated contact says, and what the database must show after the first {@code k} of its messages were
 * answered 200 (with the project's consent-flows fixture, the opt-in flow as new-contact flow):
 *
 * <pre>
 *  k  last message              consent    status   outbound  consent history
 *  1  "Hi"  (starts opt-in)     unknown    valid    1 (the 👍/👎 question)   0
 *  2  👍    (button reply)       opted_in   valid    2 (+ "Thanks ...")        1
 *  3  "stop" (opt-out keyword)  opted_in   valid    3 (+ "Reply 1 to confirm") 1
 *  4  "1"   (confirms)          opted_out  invalid  4 (+ "You are unsubscribed") 2
 *  5  "hello" (ignored)         opted_out  invalid  4 (nothing for an opted-out contact) 2
 * </pre>
 *
 * Scripts: 60% Hi, 👍; 30% Hi, 👍, stop, 1; 10% Hi, 👍, stop, 1, hello. So the messages are about 34% "Hi",
 * 34% 👍, 14% "stop", 14% "1", 3% "hello", plus the duplicates (re-sent provider ids) the generator mixes in.
 */
enum Script {
    ;

    enum Step {
        HI("text", "Hi"), THUMBS_UP("button_reply", "👍"), STOP("text", "stop"), CONFIRM("text", "1"),
        HELLO("text", "hello");

        final String type;
        final String text;

        Step(String type, String text) {
            this.type = type;
            this.text = text;
        }
    }

    static final List<Step> STEPS = List.of(Step.values());
    private static final int[] OUTBOUND = {0, 1, 2, 3, 4, 4};
    private static final int[] HISTORY = {0, 0, 1, 1, 2, 2};
    private static final String[] CONSENT = {null, "unknown", "opted_in", "opted_in", "opted_out", "opted_out"};
    private static final String[] STATUS = {null, "valid", "valid", "valid", "invalid", "invalid"};

    static int randomLength(SplittableRandom rnd) {
        int p = rnd.nextInt(100);
        return p < 60 ? 2 : p < 90 ? 4 : 5;
    }

    static int outbound(int applied) {
        return OUTBOUND[applied];
    }

    static int history(int applied) {
        return HISTORY[applied];
    }

    static String consent(int applied) {
        return CONSENT[applied];
    }

    static String status(int applied) {
        return STATUS[applied];
    }
}
