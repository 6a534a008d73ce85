package io.consentflow.application.service;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.application.port.out.StatusChange;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.policy.OrgSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * In-memory stand-ins for the driven ports, for service tests. The transaction keeps a copy of everything and
 * puts it back when the work throws, as the database would; contacts are stored as copies so a service must
 * hand a change back in its {@link Changes} for it to stick.
 */
final class InMemory {
    final Map<Phone, Contact> contacts = new LinkedHashMap<>();
    final List<ConsentChange> history = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final Map<UUID, Run> runs = new LinkedHashMap<>();
    /** Webhook calls queued, and the ids of those done. */
    final List<WebhookCall> calls = new ArrayList<>();
    final Set<UUID> callsDone = new HashSet<>();
    final Map<String, StoredFlow> flows = new LinkedHashMap<>();
    OrgSettings settings = OrgSettings.NONE;
    long version;
    int transactions;

    final TransactionRunner tx = new TransactionRunner() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions++;
            var c = new LinkedHashMap<>(contacts);
            var h = new ArrayList<>(history);
            var m = new ArrayList<>(messages);
            var r = new LinkedHashMap<>(runs);
            var f = new LinkedHashMap<>(flows);
            var s = settings;
            try {
                return work.get();
            } catch (RuntimeException e) {
                contacts.clear(); contacts.putAll(c);
                history.clear(); history.addAll(h);
                messages.clear(); messages.addAll(m);
                runs.clear(); runs.putAll(r);
                flows.clear(); flows.putAll(f);
                settings = s;
                throw e;
            }
        }
    };

    private static Contact copy(Contact c) {
        return Contact.restore(c.phone(), c.name(), c.language(), c.fields(), c.groups(), c.status(), c.consent(),
                c.lastInboundAt(), c.createdAt(), c.recentFlowTexts(), c.marketingConsent());
    }

    final Contacts contactPort = new Contacts() {
        @Override
        public Optional<Contact> find(Phone phone) {
            return Optional.ofNullable(contacts.get(phone)).map(InMemory::copy);
        }

        @Override
        public List<ConsentChange> history(Phone phone) {
            return List.copyOf(history);
        }

        @Override
        public List<Phone> phonesInGroup(String name) {
            return contacts.values().stream().filter(c -> c.groups().contains(name)).map(Contact::phone).sorted(
                    java.util.Comparator.comparing(Phone::digits)).toList();
        }
    };

    final Messages messagePort = new Messages() {
        @Override
        public Optional<Message> find(UUID id) {
            return messages.stream().filter(m -> m.id().equals(id)).findFirst();
        }

        @Override
        public Optional<OutboundMessage> findByProviderId(String provider, String providerId, String alt) {
            return messages.stream().filter(m -> m instanceof OutboundMessage).map(OutboundMessage.class::cast)
                    .filter(m -> provider.equals(m.provider()) && (Objects.equals(providerId, m.providerId())
                            || (alt != null && alt.equals(m.providerId()))))
                    .findFirst();
        }

        @Override
        public List<Message> ofContact(Phone phone) {
            return messages.stream().filter(m -> m.phone().equals(phone)).toList();
        }
    };

    /** Each call one transaction, as the database's; a duplicate changes nothing. */
    final Conversations conversations = new Conversations() {
        @Override
        public <T> Optional<T> inbound(ReceivedMessage inbound, String senderName, Instant now,
                                       Function<Conversation, Turn<T>> work) {
            boolean seen = messages.stream().anyMatch(m -> m instanceof ReceivedMessage r
                    && r.provider().equals(inbound.provider()) && r.providerId().equals(inbound.providerId()));
            if (seen) return Optional.empty();
            return Optional.of(tx.inTransaction(() -> {
                messages.add(inbound);
                return apply(open(inbound.phone(), senderName, now), work);
            }));
        }

        @Override
        public <T> Optional<T> existing(Phone phone, Function<Conversation, Turn<T>> work) {
            if (!contacts.containsKey(phone)) return Optional.empty();
            return Optional.of(tx.inTransaction(() -> apply(open(phone, null, null), work)));
        }

        @Override
        public <T> T lockOrCreate(Phone phone, String name, Instant now, Function<Conversation, Turn<T>> work) {
            return tx.inTransaction(() -> apply(open(phone, name, now), work));
        }

        @Override
        public void save(Changes changes) {
            tx.run(() -> write(changes));
        }

        private Conversation open(Phone phone, String name, Instant now) {
            contacts.computeIfAbsent(phone, p -> Contact.newContact(p, name, now));
            return new Conversation(copy(contacts.get(phone)), unfinished(phone));
        }

        private <T> T apply(Conversation conversation, Function<Conversation, Turn<T>> work) {
            Turn<T> turn = work.apply(conversation);
            write(turn.changes());
            return turn.result();
        }

        private void write(Changes changes) {
            if (changes.contact() != null) contacts.put(changes.contact().phone(), copy(changes.contact()));
            history.addAll(changes.consentChanges());
            changes.runs().forEach(r -> runs.put(r.id(), r));
            messages.addAll(changes.outbound());
            calls.addAll(changes.calls());
            callsDone.addAll(changes.callsDone());
            for (StatusChange s : changes.statuses()) {
                for (int i = 0; i < messages.size(); i++) {
                    if (messages.get(i) instanceof OutboundMessage m && m.id().equals(s.messageId())) {
                        messages.set(i, m.movedTo(s.status(), s.failure()));
                    }
                }
            }
        }
    };

    private List<Run> unfinished(Phone phone) {
        List<Run> out = new ArrayList<>();
        runs.values().stream().filter(r -> r.phone().equals(phone) && r.status().name().equals("ACTIVE"))
                .findFirst().ifPresent(out::add);
        while (!out.isEmpty() && out.get(out.size() - 1).parentId() != null) {
            Run parent = runs.get(out.get(out.size() - 1).parentId());
            if (parent == null || parent.ended()) break;
            out.add(parent);
        }
        return out;
    }

    final Runs runPort = new Runs() {
        @Override
        public int interruptRunsOf(String flowUuid, String reason, Instant now) {
            List<Phone> phones = runs.values().stream().filter(r -> !r.ended() && r.flowUuid().equals(flowUuid))
                    .map(Run::phone).distinct().toList();
            int ended = 0;
            for (Run r : runs.values()) {
                if (r.ended() || !phones.contains(r.phone())) continue;
                r.end(io.consentflow.domain.flow.run.RunStatus.INTERRUPTED,
                        io.consentflow.domain.flow.run.EndReason.fromWire(reason), now);
                ended++;
            }
            return ended;
        }

        @Override
        public Optional<Phone> phoneOf(UUID runId) {
            return Optional.ofNullable(runs.get(runId)).map(Run::phone);
        }

        @Override
        public List<Phone> withDueRuns(Instant now, int limit) {
            return runs.values().stream().filter(r -> r.status() == RunStatus.ACTIVE)
                    .filter(r -> (r.timeoutAt() != null && !r.timeoutAt().isAfter(now))
                            || (r.expiresAt() != null && !r.expiresAt().isAfter(now)))
                    .map(Run::phone).distinct().limit(limit).toList();
        }
    };

    final FlowStore flowPort = new FlowStore() {
        @Override
        public long lockForChange() {
            return ++version;
        }

        @Override
        public void save(StoredFlow flow) {
            flows.put(flow.flow().uuid(), flow);
        }

        @Override
        public Optional<StoredFlow> find(String uuid) {
            return Optional.ofNullable(flows.get(uuid));
        }

        @Override
        public List<StoredFlow> all() {
            return List.copyOf(flows.values());
        }

        @Override
        public boolean delete(String uuid) {
            return flows.remove(uuid) != null;
        }

        @Override
        public long version() {
            return version;
        }
    };

    final SettingsStore settingsPort = new SettingsStore() {
        @Override
        public OrgSettings load() {
            return settings;
        }

        @Override
        public void save(OrgSettings s) {
            settings = s;
        }
    };

}
