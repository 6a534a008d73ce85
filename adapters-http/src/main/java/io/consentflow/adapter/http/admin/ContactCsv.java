package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.ImportContactsUseCase.Columns;
import io.consentflow.application.port.in.ImportContactsUseCase.ImportRow;
import io.consentflow.application.port.in.ImportContactsUseCase.Unreadable;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Glific's contact CSV as rows for the import: the header names the columns (compared in lower case, spaces
 * trimmed), each following record is one row with as many fields as the header; a record with another number is
 * unreadable, a blank line is skipped. Rows are numbered as a spreadsheet numbers them: the header is row 1.
 */
final class ContactCsv implements Iterator<ImportRow> {
    private final CsvRecords records;
    private final List<String> header;
    private ImportRow next;

    /** Reads the header; a file without one, or without a {@code phone} column, is a 400. */
    ContactCsv(Reader in) {
        this.records = new CsvRecords(in);
        CsvRecords.Record first = records.next();
        if (first == null || first.unreadable() != null || first.fields().stream().allMatch(String::isBlank)) {
            throw ProblemException.badRequest("body", "the CSV has no header row (phone,name,language,...)");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : first.fields()) {
            String name = f.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !seen.add(name)) {
                throw ProblemException.badRequest("body", "the CSV header names the column '" + clip(name) + "' twice");
            }
            names.add(name);
        }
        if (!seen.contains("phone")) throw ProblemException.badRequest("phone", "the CSV has no phone column");
        this.header = List.copyOf(names);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            CsvRecords.Record r = records.next();
            if (r == null) return false;
            if (r.unreadable() != null) {
                next = new Unreadable(r.number(), "unreadable: " + r.unreadable());
            } else if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
                continue;
            } else if (r.fields().size() != header.size()) {
                next = new Unreadable(r.number(), "has " + r.fields().size() + " columns, the header has " + header.size());
            } else {
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    if (!header.get(i).isEmpty()) values.put(header.get(i), r.fields().get(i));
                }
                next = new Columns(r.number(), values);
            }
        }
        return true;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        ImportRow r = next;
        next = null;
        return r;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
