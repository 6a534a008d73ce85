package io.consentflow.application.service;

import io.consentflow.application.port.in.ImportContactsUseCase.Columns;
import io.consentflow.application.port.in.ImportContactsUseCase.ImportReport;
import io.consentflow.application.port.in.ImportContactsUseCase.ImportRow;
import io.consentflow.application.port.in.ImportContactsUseCase.RowError;
import io.consentflow.application.port.in.ImportContactsUseCase.Unreadable;
import io.consentflow.application.port.out.ContactBatches;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import's reading of Glific's columns, against contacts kept in memory (no I/O). */
class ContactImportServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    /** Contacts in memory, as the store's batches give them: new ones made, changed ones kept. */
    static final class MemoryBatches implements ContactBatches {
        final Map<Phone, Contact> stored = new HashMap<>();
        int batches;

        @Override
        public <T> T inBatch(Set<Phone> phones, Instant now, Function<Batch, Turn<T>> work) {
            batches++;
            Map<Phone, Contact> contacts = new HashMap<>();
            Set<Phone> created = new HashSet<>();
            for (Phone p : phones) {
                Contact c = stored.get(p);
                if (c == null) {
                    c = Contact.newContact(p, null, now);
                    created.add(p);
                }
                contacts.put(p, c);
            }
            Turn<T> turn = work.apply(new Batch(contacts, created));
            created.forEach(p -> stored.put(p, contacts.get(p)));
            turn.changed().forEach(c -> c.drainConsentChanges());
            return turn.result();
        }
    }

    private final MemoryBatches store = new MemoryBatches();
    private final ContactImportService service = new ContactImportService(store, Clock.fixed(NOW, ZoneOffset.UTC),
            Telemetry.NONE);

    private static Columns row(long n, String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put(pairs[i], pairs[i + 1]);
        return new Columns(n, values);
    }

    private ImportReport run(ImportRow... rows) {
        return service.importContacts("list.csv", List.of(rows).iterator());
    }

    @Test
    void readsGlificsColumns() {
        ImportReport r = run(
                row(2, "phone", "+919800000001", "name", " Asha ", "language", "Hindi", "collection", "A; b ,,A",
                        "opt_in", "2026-1-5 10:00:00", "delete", "", "Village Name", "Kothrud"),
                row(3, "phone", "919800000002", "opt_in", "TRUE", "delete", "0"),
                row(4, "phone", "919800000003", "opt_in", "false"));
        assertEquals(new ImportReport(3, 3, 0, 2, 0, 0, 0, List.of()), r);
        Contact asha = store.stored.get(new Phone("919800000001"));
        assertEquals("Asha", asha.name());
        assertEquals("hin", asha.language());
        assertEquals(Set.of("A", "b"), asha.groups());
        assertEquals(Map.of("village_name", "Kothrud"), asha.fields());
        assertEquals(ConsentMethod.IMPORT, asha.consent().method());
        assertEquals("import:list.csv:row 2:2026-01-05", asha.consent().evidence());
        assertEquals("import:list.csv:row 3:2026-11-30", store.stored.get(new Phone("919800000002")).consent().evidence(),
                "true: the day of the import");
        assertEquals(ConsentState.UNKNOWN, store.stored.get(new Phone("919800000003")).consent().state());
    }

    @Test
    void badRowsAreReportedByNumberAndTheOthersImported() {
        ImportReport r = run(
                row(2, "phone", ""),
                row(3, "phone", "0800"),
                row(4, "phone", "919800000011", "language", "elvish"),
                row(5, "phone", "919800000012", "opt_in", "soon"),
                row(6, "phone", "919800000013", "delete", "1"),
                new Unreadable(7, "has 2 columns, the header has 3"),
                row(8, "phone", "919800000014", "name", "ok"));
        assertEquals(List.of(new RowError(2, "phone: required"),
                new RowError(3, "phone: '0800' is not a phone number (E.164 digits, 7 to 15, optional +)"),
                new RowError(4, "language: unknown language 'elvish'"),
                new RowError(5, "opt_in: 'soon' is neither a date (YYYY-MM-DD) nor true"),
                new RowError(6, "delete: contacts are never deleted here (their consent history is the proof of consent)"),
                new RowError(7, "has 2 columns, the header has 3")), r.errors());
        assertEquals(7, r.rows());
        assertEquals(6, r.errorCount());
        assertEquals(1, r.created());
        assertEquals(Set.of(new Phone("919800000014")), store.stored.keySet());
    }

    @Test
    void errorsAreCappedAndCountedAndRowsGoInBatches() {
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) rows.add(row(i + 2, "phone", String.valueOf(919_800_100_000L + i)));
        for (int i = 0; i < 150; i++) rows.add(row(3000 + i, "phone", "x"));
        ImportReport r = service.importContacts("big.csv", rows.iterator());
        assertEquals(2650, r.rows());
        assertEquals(2500, r.created());
        assertEquals(150, r.errorCount());
        assertEquals(100, r.errors().size());
        assertEquals(3, store.batches, "batches of 1,000 rows");
    }

    @Test
    void theSamePhoneTwiceInABatchIsCreatedOnceThenUpdated() {
        ImportReport r = run(row(2, "phone", "919800000021", "name", "First"),
                row(3, "phone", "919800000021", "name", "Second"));
        assertEquals(1, r.created());
        assertEquals(1, r.updated());
        assertEquals("Second", store.stored.get(new Phone("919800000021")).name());
        assertTrue(ContactImportService.fieldKey(" Date of Birth ").equals("date_of_birth"));
    }
}
