package io.consentflow.adapter.http.admin;

import java.util.List;

/** The answer of {@code POST /api/v1/contacts/import}; {@code errors} lists the first refused rows, all counted. */
record ImportReportJson(long rows, long created, long updated, long optedIn, long keptOptedOut, long keptBlocked,
                        long errorCount, List<RowErrorJson> errors) {
    record RowErrorJson(long row, String reason) {
    }
}
