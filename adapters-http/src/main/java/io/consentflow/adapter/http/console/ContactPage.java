package io.consentflow.adapter.http.console;

import java.util.List;
import java.util.Map;

/**
 * A contact's page: profile, fields, groups, consent timeline and conversation, all as display text.
 *
 * @param olderMessages the conversation is only its end: older messages were left out
 * @param blocked       the contact is blocked (the page offers to unblock it, else to block it)
 */
public record ContactPage(String phone, String name, String language, String status, String consent,
                          String lastInboundAt, String createdAt, List<Map.Entry<String, String>> fields,
                          List<String> groups, List<TimelineEntry> timeline, List<Bubble> conversation,
                          boolean olderMessages, boolean blocked, String notice) {
    public ContactPage {
        fields = List.copyOf(fields);
        groups = List.copyOf(groups);
        timeline = List.copyOf(timeline);
        conversation = List.copyOf(conversation);
    }

    /**
     * One consent change. {@code evidenceLink} is the id of the conversation's message that was the evidence (a
     * keyword, a flow's reply), else null and {@code evidence} is the words recorded (a note, a provider event).
     */
    public record TimelineEntry(String at, String from, String to, String method, String evidence,
                                String evidenceLink, String flow) {
    }
}
