package io.consentflow.application.service;

import io.consentflow.application.port.in.ContactView;
import io.consentflow.application.port.in.ImportContactsUseCase;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.out.ContactBatches;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.contact.Phone;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Glific's contact CSV, row by row into batches of {@value #BATCH_ROWS}: each batch one transaction with its
 * contacts locked (created first when new), the contact aggregate applying each row, and what changed written
 * set-based ({@link ContactBatches}). Memory holds one batch, whatever the file's length.
 *
 * <p>A row's {@code opt_in} (a date or {@code true}) opts the contact in with method {@code import}, evidence naming
 * the file, the row and the date ({@link Contact#importOptIn}: never over an opt-out, never a blocked contact).
 * {@code collection} names groups, separated by {@code ;} or {@code ,}, created when missing; the contact is added
 * to them. {@code delete} is refused: Glific deletes the contact, but a contact's consent history is the proof of
 * its consent and is never deleted. Any other column is a contact field (an empty value leaves it as it is).
 */
public final class ContactImportService implements ImportContactsUseCase {
    static final int BATCH_ROWS = 1000;
    static final Set<String> COLUMNS = Set.of("phone", "name", "language", "collection", "opt_in", "delete");
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[;,]");
    private static final Pattern NOT_A_KEY_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** {@code 2026-01-15}, Glific's {@code 2026-1-15 10:00:00}, or an ISO date-time. */
    private static final DateTimeFormatter OPT_IN_DATE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-M-d")
            .optionalStart().appendLiteral(' ').appendPattern("H:mm[:ss]").optionalEnd()
            .optionalStart().appendLiteral('T').appendPattern("H:mm[:ss][.SSS][XXX]").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_TEXT = 256;

    private final ContactBatches batches;
    private final Clock clock;
    private final Telemetry telemetry;

    public ContactImportService(ContactBatches batches, Clock clock, Telemetry telemetry) {
        this.batches = batches;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public ImportReport importContacts(String source, Iterator<ImportRow> rows) {
        Tally tally = new Tally();
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        List<Planned> batch = new ArrayList<>(BATCH_ROWS);
        while (rows.hasNext()) {
            ImportRow row = rows.next();
            tally.rows++;
            if (row instanceof Unreadable u) {
                tally.error(u.row(), u.reason());
                continue;
            }
            Columns columns = (Columns) row;
            try {
                batch.add(plan(columns, source, today));
            } catch (BadRow e) {
                tally.error(columns.row(), e.getMessage());
                continue;
            }
            if (batch.size() == BATCH_ROWS) {
                apply(batch, tally);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) apply(batch, tally);
        return new ImportReport(tally.rows, tally.created, tally.updated, tally.optedIn, tally.keptOptedOut,
                tally.keptBlocked, tally.errorCount, tally.errors);
    }

    /** What one valid row asks. */
    private record Planned(long row, Phone phone, String name, String language, Map<String, String> fields,
                           List<String> groups, String optInEvidence) {
    }

    /** What a batch did, counted inside its transaction (a retried transaction counts afresh). */
    private static final class Counts {
        long created;
        long updated;
        long optedIn;
        long keptOptedOut;
        long keptBlocked;
        final List<ConsentChange> consentChanges = new ArrayList<>();
    }

    private static final class Tally {
        long rows;
        long created;
        long updated;
        long optedIn;
        long keptOptedOut;
        long keptBlocked;
        long errorCount;
        final List<RowError> errors = new ArrayList<>();

        void error(long row, String reason) {
            errorCount++;
            if (errors.size() < MAX_ERRORS_LISTED) errors.add(new RowError(row, reason));
        }

        void add(Counts c) {
            created += c.created;
            updated += c.updated;
            optedIn += c.optedIn;
            keptOptedOut += c.keptOptedOut;
            keptBlocked += c.keptBlocked;
        }
    }

    private void apply(List<Planned> batch, Tally tally) {
        Set<Phone> phones = new LinkedHashSet<>();
        batch.forEach(p -> phones.add(p.phone()));
        Counts counts = batches.inBatch(phones, clock.instant(), b -> applyRows(batch, b));
        tally.add(counts);
        counts.consentChanges.forEach(telemetry::consentChanged);
    }

    private ContactBatches.Turn<Counts> applyRows(List<Planned> batch, ContactBatches.Batch b) {
        Counts counts = new Counts();
        Instant at = clock.instant();
        Map<Contact, ContactView> before = new IdentityHashMap<>();
        Set<Phone> counted = new LinkedHashSet<>();
        for (Planned p : batch) {
            Contact c = b.contacts().get(p.phone());
            before.computeIfAbsent(c, ContactView::of);
            if (b.created().contains(p.phone()) && counted.add(p.phone())) counts.created++;
            else counts.updated++;
            if (p.name() != null) c.rename(p.name());
            if (p.language() != null) c.changeLanguage(p.language());
            p.fields().forEach(c::setField);
            c.addGroups(p.groups());
            if (p.optInEvidence() != null) {
                switch (c.importOptIn(p.optInEvidence(), at)) {
                    case OPTED_IN -> counts.optedIn++;
                    case KEPT_OPTED_OUT -> counts.keptOptedOut++;
                    case KEPT_BLOCKED -> counts.keptBlocked++;
                    case ALREADY_OPTED_IN -> { }
                }
            }
        }
        List<Contact> changed = new ArrayList<>();
        before.forEach((c, was) -> {
            if (!was.equals(ContactView.of(c)) || !c.newConsentChanges().isEmpty()) changed.add(c);
            counts.consentChanges.addAll(c.newConsentChanges());
        });
        return new ContactBatches.Turn<>(changed, counts);
    }

    private static Planned plan(Columns columns, String source, String today) {
        Map<String, String> v = columns.values();
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (e.getValue() != null && e.getValue().indexOf('\0') >= 0) throw new BadRow(e.getKey() + ": contains a NUL character");
        }
        String phoneText = text(v.get("phone"));
        if (phoneText == null) throw new BadRow("phone: required");
        Phone phone;
        try {
            phone = Phone.parse(phoneText);
        } catch (InvalidPhoneException e) {
            throw new BadRow("phone: '" + clip(phoneText) + "' is not a phone number (E.164 digits, 7 to 15, optional +)");
        }
        String name = text(v.get("name"));
        if (name != null && name.length() > MAX_TEXT) throw new BadRow("name: longer than " + MAX_TEXT + " characters");
        String language = text(v.get("language"));
        if (language != null && Language.find(language).isEmpty()) {
            throw new BadRow("language: unknown language '" + clip(language) + "'");
        }
        String delete = text(v.get("delete"));
        if (delete != null && !delete.equals("0") && !delete.equalsIgnoreCase("false")) {
            throw new BadRow("delete: contacts are never deleted here (their consent history is the proof of consent)");
        }
        List<String> groups = new ArrayList<>();
        String collection = text(v.get("collection"));
        if (collection != null) {
            for (String g : GROUP_SEPARATORS.split(collection)) {
                String n = g.strip();
                if (n.isEmpty()) continue;
                if (n.length() > ManageGroupsUseCase.MAX_NAME) {
                    throw new BadRow("collection: a group name is longer than " + ManageGroupsUseCase.MAX_NAME + " characters");
                }
                groups.add(n);
            }
        }
        String optIn = optInDate(text(v.get("opt_in")), today);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (COLUMNS.contains(e.getKey())) continue;
            String key = fieldKey(e.getKey());
            String value = text(e.getValue());
            if (key.isEmpty() || value == null) continue;
            if (value.length() > 10_000) throw new BadRow(e.getKey() + ": longer than 10000 characters");
            fields.put(key, value);
        }
        String evidence = optIn == null ? null : "import:" + source + ":row " + columns.row() + ":" + optIn;
        return new Planned(columns.row(), phone, name, language, fields, groups, evidence);
    }

    /** The date an {@code opt_in} value gives ({@code true}: today), or null when it asks no opt-in. */
    private static String optInDate(String value, String today) {
        if (value == null || value.equalsIgnoreCase("false") || value.equals("0")) return null;
        if (value.equalsIgnoreCase("true")) return today;
        try {
            return LocalDate.from(OPT_IN_DATE.parse(value)).toString();
        } catch (DateTimeParseException e) {
            throw new BadRow("opt_in: '" + clip(value) + "' is neither a date (YYYY-MM-DD) nor true");
        }
    }

    /** A column's name as a field key, as Glific makes it: lower case, words joined by {@code _}. */
    static String fieldKey(String column) {
        String key = NOT_A_KEY_CHARACTER.matcher(column.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
        int start = 0;
        int end = key.length();
        while (start < end && key.charAt(start) == '_') start++;
        while (end > start && key.charAt(end - 1) == '_') end--;
        return key.substring(start, end);
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** A row refused, with the reason in the answer's words. */
    private static final class BadRow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }
}
