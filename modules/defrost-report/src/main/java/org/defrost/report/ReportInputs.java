package org.defrost.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a report is made from.
 *
 * @param transferResults   the {@code transfer-results} artifacts, one per matrix cell; at least one
 * @param similarityResults the {@code similarity-results} artifacts, one per matrix cell; empty when the
 *                          pipeline has no similarity stage
 * @param depthPredictions  the {@code depth-prediction} artifacts of the fast mode; empty when none ran
 * @param provenance        how the run was made
 */
public record ReportInputs(List<ResultArtifact> transferResults, List<ResultArtifact> similarityResults,
                           List<ResultArtifact> depthPredictions, Provenance provenance) {

    public ReportInputs {
        transferResults = List.copyOf(transferResults);
        similarityResults = List.copyOf(similarityResults);
        depthPredictions = List.copyOf(depthPredictions);
        Objects.requireNonNull(provenance, "provenance");
        if (transferResults.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one transfer-results artifact");
        }
    }

    /** Inputs without fast-mode predictions. */
    public ReportInputs(List<ResultArtifact> transferResults, List<ResultArtifact> similarityResults,
                        Provenance provenance) {
        this(transferResults, similarityResults, List.of(), provenance);
    }
}
