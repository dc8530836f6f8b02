package org.defrost.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.report.html.DataSections;
import org.defrost.report.html.FastModeSection;
import org.defrost.report.html.FigureEntry;
import org.defrost.report.html.ReportPage;
import org.defrost.report.html.ResultSections;
import org.defrost.report.html.Section;
import org.defrost.report.html.SectionBuilder;
import org.defrost.report.html.SimilaritySections;
import org.defrost.report.model.DepthNames;
import org.defrost.report.model.MatrixCell;
import org.defrost.report.model.Optimum;
import org.defrost.report.model.Recommendation;
import org.defrost.report.model.RepresentativeCells;
import org.defrost.report.model.SimilarityLink;
import org.defrost.report.model.SimilarityResults;
import org.defrost.report.model.TransferCell;
import org.defrost.report.model.TransferResults;
import org.defrost.report.table.Table;

/**
 * Writes a run's report into a directory:
 * <ul>
 *   <li>{@code report.html}: one self-contained page (inline CSS, charts as embedded PNG, no script, nothing
 *       fetched) that answers "how many layers should I freeze?" per task pair and target size, with the
 *       figures and the provenance of the run;</li>
 *   <li>{@code tables/NAME.csv}: every table, full precision;</li>
 *   <li>{@code report.json}: the answers, every table, the list of figures and the provenance.</li>
 * </ul>
 * Used by the {@code report} stage and by {@code defrost report RUN_ID}, which regenerates the report of a
 * finished run from its workspace (see {@link FinishedRun}).
 */
public final class ReportGenerator {
    /** The page's file name within the output directory. */
    public static final String MAIN_FILE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportGenerator() {
    }

    /**
     * Writes the report.
     *
     * @param outDir created if absent; files of an earlier report there are replaced
     * @return the path of {@code report.html}
     */
    public static Path generate(ReportInputs inputs, ReportOptions options, Path outDir) throws IOException {
        TransferResults transfer = TransferResults.load(inputs.transferResults());
        SimilarityResults similarity = SimilarityResults.load(inputs.similarityResults());
        Provenance provenance = inputs.provenance();
        List<Recommendation> recommendations = new ArrayList<>();
        for (TransferCell c : transfer.cells()) {
            for (int n : c.targetSizes()) {
                Recommendation.of(c, n, transfer.depthNames()).ifPresent(recommendations::add);
            }
        }
        List<SimilarityLink.Correlation> correlations = SimilarityLink.correlate(transfer, similarity);
        Map<String, Table> tables = ReportTables.build(transfer, similarity, recommendations, correlations, provenance,
                options.curves());
        for (ResultArtifact fast : inputs.depthPredictions()) {
            tables.merge("fast-mode-predictions", Table.read(fast.file("predictions.csv")), Table::concat);
        }
        List<Section> sections = sections(transfer, similarity, recommendations, correlations, provenance, options, tables);
        FastModeSection.of(inputs.depthPredictions(), new SectionBuilder.FigureCounter())
                .ifPresent(s -> sections.add(Math.min(4, sections.size()), s));

        Files.createDirectories(outDir.resolve("tables"));
        for (Map.Entry<String, Table> t : tables.entrySet()) {
            t.getValue().write(outDir.resolve("tables").resolve(t.getKey() + ".csv"));
        }
        Path page = outDir.resolve(MAIN_FILE);
        Files.writeString(page, ReportPage.render(options.title(), meta(provenance), sections), StandardCharsets.UTF_8);
        JSON.writeValue(outDir.resolve("report.json").toFile(), json(options, provenance, recommendations, sections, tables));
        return page;
    }

    private static List<Section> sections(TransferResults transfer, SimilarityResults similarity,
                                          List<Recommendation> recommendations,
                                          List<SimilarityLink.Correlation> correlations, Provenance provenance,
                                          ReportOptions options, Map<String, Table> tables) {
        SectionBuilder.FigureCounter counter = new SectionBuilder.FigureCounter();
        List<Section> sections = new ArrayList<>();
        sections.add(ResultSections.answer(transfer, recommendations, counter));
        List<MatrixCell> drawn = RepresentativeCells.of(transfer.cells());
        sections.add(ResultSections.errorVsDepth(transfer, drawn, counter));
        sections.add(ResultSections.depthStar(transfer, counter));
        sections.add(ResultSections.protocols(transfer, drawn, counter));
        Map<MatrixCell, List<Integer>> depthStars = new LinkedHashMap<>();
        recommendations.forEach(r -> depthStars.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r.depthStar()));
        DepthNames names = transfer.depthNames();
        SimilaritySections.profiles(similarity, depthStars, names, counter).ifPresent(sections::add);
        SimilaritySections.link(correlations, transfer.targetSizes(), transfer.maxLayers(), names, counter)
                .ifPresent(sections::add);
        SimilaritySections.layerMatrices(similarity, names, drawn, counter).ifPresent(sections::add);
        if (options.curves()) {
            ResultSections.curves(transfer, drawn, counter).ifPresent(sections::add);
        }
        List<String> shown = List.of(ReportTables.TEST_ERROR_BY_DEPTH, ReportTables.OPTIMAL_DEPTHS,
                ReportTables.SIMILARITY_PROFILES);
        sections.add(DataSections.tables(tables, shown, counter));
        sections.add(DataSections.provenance(provenance, tables.getOrDefault(ReportTables.STAGE_TIMINGS, Table.empty()),
                tables.getOrDefault(ReportTables.INVOCATIONS, Table.empty()), counter));
        return sections;
    }

    private static String meta(Provenance p) {
        StringBuilder sb = new StringBuilder("Run <code>").append(SectionBuilder.escape(p.runId()))
                .append("</code> of pipeline <code>").append(SectionBuilder.escape(p.pipeline())).append("</code>");
        if (!p.startedAt().isEmpty()) {
            sb.append(", started ").append(SectionBuilder.escape(p.startedAt()));
        }
        String version = p.software().get("defrost");
        if (version != null) {
            sb.append(" · defrost ").append(SectionBuilder.escape(version));
        }
        return sb.toString();
    }

    /**
     * The content of {@code report.json}: title and run, {@code chosenOn} ({@code validation}, or {@code test} for
     * results written before ℓ* was chosen on validation error), the answers, the figures, every table and the
     * provenance.
     */
    private static Map<String, Object> json(ReportOptions options, Provenance p, List<Recommendation> recommendations,
                                            List<Section> sections, Map<String, Table> tables) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", options.title());
        root.put("runId", p.runId());
        root.put("pipeline", p.pipeline());
        root.put("chosenOn", recommendations.stream().allMatch(r -> r.optimum().selection()
                == Optimum.Selection.VALIDATION) ? "validation" : "test");
        root.put("answers", ReportTables.recommendations(recommendations).jsonRows());
        List<FigureEntry> figures = new ArrayList<>();
        sections.forEach(s -> figures.addAll(s.figures()));
        root.put("figures", figures);
        Map<String, Object> all = new LinkedHashMap<>();
        tables.forEach((name, t) -> all.put(name, t.jsonRows()));
        root.put("tables", all);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("runId", p.runId());
        prov.put("pipeline", p.pipeline());
        prov.put("pipelineFile", p.pipelineFile());
        prov.put("startedAt", p.startedAt());
        prov.put("status", p.status());
        prov.put("seconds", Double.isNaN(p.seconds()) ? null : p.seconds());
        prov.put("software", p.software());
        prov.put("baseSeed", p.baseSeed());
        prov.put("seedCount", p.seedCount());
        prov.put("pipelineText", p.pipelineText());
        root.put("provenance", prov);
        return root;
    }
}
