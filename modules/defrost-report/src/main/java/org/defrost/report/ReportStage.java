package org.defrost.report;

import java.util.List;
import org.defrost.spi.ArtifactKinds;
import org.defrost.spi.ArtifactWriter;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/**
 * {@code report}: writes the run's HTML report, its tables as CSV and JSON, and records {@code report.html}
 * as the artifact's main file. Its key depends on its inputs and parameters only, so a rerun whose results are
 * unchanged reuses the report instead of drawing it again (a rerun that only finds everything cached then takes
 * seconds); its provenance section describes the run that drew it.
 */
public final class ReportStage implements Stage {
    static final String TYPE = "report";
    static final String TRANSFER_RESULTS = ArtifactKinds.TRANSFER_RESULTS;
    static final String SIMILARITY_RESULTS = ArtifactKinds.SIMILARITY_RESULTS;
    static final String REPORT = ArtifactKinds.REPORT;
    /** The fast mode's output (the {@code depth-prediction} stage of defrost-study), shown when present. */
    static final String DEPTH_PREDICTION = "depth-prediction";

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "2",
                "Writes one self-contained HTML page (charts embedded, opens offline) answering how many layers to "
                        + "freeze per task pair and target size (the depth chosen on validation error, its test error, "
                        + "gains with bootstrap intervals and paired tests), with test error against depth, the optimal "
                        + "depth against target size, phase diagrams of the optimal depth and of the gain over scratch "
                        + "for every numeric matrix key, the protocol comparison, similarity profiles, their transition "
                        + "depths and rank correlation with the optimal depth, layer-by-layer maps when a similarity "
                        + "stage ran, the fast prediction when a depth-prediction stage ran, training curves, and the run's provenance; plus every table as CSV (tables/) and "
                        + "JSON (report.json).",
                ReportOptions.SPECS,
                List.of(TRANSFER_RESULTS), List.of(SIMILARITY_RESULTS, DEPTH_PREDICTION), List.of(REPORT), StageScope.WHOLE_PIPELINE, true);
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Provenance provenance = Provenance.of(ctx.run());
        ReportInputs inputs = new ReportInputs(ctx.inputs(TRANSFER_RESULTS).stream().map(ResultArtifact::of).toList(),
                ctx.inputs(SIMILARITY_RESULTS).stream().map(ResultArtifact::of).toList(),
                ctx.inputs(DEPTH_PREDICTION).stream().map(ResultArtifact::of).toList(), provenance);
        ReportOptions options = ReportOptions.of(ctx.parameters(), ctx.run().pipeline());
        ArtifactWriter out = ctx.output(REPORT);
        ctx.progress().status("drawing the report of " + inputs.transferResults().size() + " matrix cells");
        ReportGenerator.generate(inputs, options, out.directory());
        out.putMetadata("mainFile", ReportGenerator.MAIN_FILE);
        out.putMetadata("cells", inputs.transferResults().size());
        out.putMetadata("similarity", !inputs.similarityResults().isEmpty());
    }
}
