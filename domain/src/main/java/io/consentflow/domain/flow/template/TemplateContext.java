package io.consentflow.domain.flow.template;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.RunResult;

import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What an expression can see. Any part may be null (then what it stands for is null in expressions).
 *
 * @param contact     {@code @contact}, {@code @fields}, {@code @urns}
 * @param results     the current run's results, keyed by {@link RunResult#key} ({@code @results})
 * @param input       the text of the message this sprint handles ({@code @input})
 * @param childStatus after a child flow ended, in the sprint it ended: its status ({@code @child.run.status})
 * @param run         the current run ({@code @run}, {@code @flow})
 * @param parent      the run that started the current one, if any ({@code @parent})
 * @param child       the child run that just ended, if known ({@code @child})
 * @param globals     the organisation's globals ({@code @globals})
 * @param webhook     the body of the run's latest webhook answer, as JSON text ({@code @webhook})
 * @param now         the time of the sprint ({@code now()}, {@code today()}); null: the epoch
 * @param random      the host's random source ({@code rand()}); null: random functions fail
 */
public record TemplateContext(Contact contact, Map<String, RunResult> results, String input, String childStatus,
                              RunInfo run, RunInfo parent, RunInfo child, Map<String, String> globals,
                              String webhook, Instant now, RandomGenerator random) {
    public TemplateContext {
        results = results == null ? Map.of() : results;
        globals = globals == null ? Map.of() : globals;
        now = now == null ? Instant.EPOCH : now;
    }

    /** The contact, results, input and child status only (nothing of runs, globals or webhooks). */
    public TemplateContext(Contact contact, Map<String, RunResult> results, String input, String childStatus) {
        this(contact, results, input, childStatus, null, null, null, null, null, null, null);
    }

    /**
     * A run as expressions see it ({@code @run}, {@code @parent}, {@code @child}).
     *
     * @param uuid      the run's id
     * @param status    its status as written on the wire ({@code active}, {@code completed}, ...)
     * @param flowUuid  its flow
     * @param flowName  its flow's name (null when not known)
     * @param results   its results, keyed by {@link RunResult#key}
     * @param createdOn when it started
     * @param exitedOn  when it ended, or null
     */
    public record RunInfo(String uuid, String status, String flowUuid, String flowName,
                          Map<String, RunResult> results, Instant createdOn, Instant exitedOn) {
        public RunInfo {
            results = results == null ? Map.of() : results;
        }
    }
}
