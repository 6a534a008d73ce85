package io.consentflow.application.port.in;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Glific's contact CSV: columns {@code phone,name,language,collection,opt_in,delete}, any other column a contact
 * field. Rows are applied in batches, each contact under its lock; a bad row is reported and skipped, the others
 * imported. The same file imported twice leaves the same state.
 */
public interface ImportContactsUseCase {
    /** At most this many row errors are listed; all are counted. */
    int MAX_ERRORS_LISTED = 100;

    /**
     * @param source the file's name, named in the evidence of each opt-in
     * @param rows   the file's data rows, read as they are consumed
     */
    ImportReport importContacts(String source, Iterator<ImportRow> rows);

    /** One data row of the file; {@code row} is its number as a spreadsheet shows it (the header is row 1). */
    sealed interface ImportRow permits Columns, Unreadable {
        long row();
    }

    /** A row's values by column name (lower case, as in the header). */
    record Columns(long row, Map<String, String> values) implements ImportRow {
        public Columns {
            values = Map.copyOf(values);
        }
    }

    /** A row that could not be read as the header says (e.g. another number of columns). */
    record Unreadable(long row, String reason) implements ImportRow {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record RowError(long row, String reason) {
    }

    /**
     * @param rows         data rows read
     * @param created      rows that created their contact
     * @param updated      rows applied to a contact that existed
     * @param optedIn      contacts this import opted in
     * @param keptOptedOut rows asking an opt-in for a contact that opted out: kept opted out
     * @param keptBlocked  rows asking an opt-in for a blocked contact: kept blocked, consent untouched
     * @param errorCount   rows refused, all of them
     * @param errors       the first {@value #MAX_ERRORS_LISTED} refused rows
     */
    record ImportReport(long rows, long created, long updated, long optedIn, long keptOptedOut, long keptBlocked,
                        long errorCount, List<RowError> errors) {
        public ImportReport {
            errors = List.copyOf(errors);
        }
    }
}
