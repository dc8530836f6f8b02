package org.defrost.report;

import java.util.Objects;

/**
 * What the report shows beyond its fixed contents.
 *
 * @param title  the heading of the page
 * @param curves whether to draw the training curves of the representative cells
 */
public record ReportOptions(String title, boolean curves) {

    public ReportOptions {
        Objects.requireNonNull(title, "title");
    }
}
