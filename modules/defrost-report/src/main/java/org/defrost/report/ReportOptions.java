package org.defrost.report;

import java.util.List;
import java.util.Objects;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;

/**
 * What the report shows beyond its fixed contents: the {@code report} stage's parameters, bound.
 *
 * @param title  the heading of the page
 * @param curves whether to draw the training curves of the representative cells
 */
public record ReportOptions(String title, boolean curves) {

    /** The parameters as the {@code report} stage declares them. */
    static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.derived("title", ParameterType.STRING, "the pipeline's name", "Heading of the report."),
            ParameterSpec.bool("curves", true, "Include the training curves of representative cells."));

    public ReportOptions {
        Objects.requireNonNull(title, "title");
    }

    /** Binds the stage's resolved parameters; a title left out (or blank) is {@code pipeline}, the pipeline's name. */
    static ReportOptions of(Parameters p, String pipeline) {
        String title = p.getString("title", "");
        return new ReportOptions(title.isBlank() ? pipeline : title, p.getBoolean("curves"));
    }
}
