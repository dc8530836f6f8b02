package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"chart\" id=\"([^\"]+)\" data-kind=\"([^\"]+)\">");
    private static final Pattern ANSWER = Pattern.compile("<li class=\"answer\" data-target-size=\"(\\d+)\">(.*?)</li>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(src|href)\\s*=\\s*\"([^\"]*)\"");

    /** Holds the full report (similarity and curves), generated once for the tests that only read it. */
    @TempDir
    static Path shared;
    private static Path full;

    @TempDir
    Path dir;

    private static Path generate(Path root, boolean similarity, boolean curves) throws IOException {
        ReportInputs inputs = Fixtures.inputs(root.resolve("in"), Fixtures.SMALL, similarity, curves);
        Path out = root.resolve("out");
        Path page = ReportGenerator.generate(inputs, new ReportOptions("Fixture study", curves), out);
        assertEquals(out.resolve("report.html"), page);
        return out;
    }

    private Path generate(boolean similarity, boolean curves) throws IOException {
        return generate(dir, similarity, curves);
    }

    private static synchronized Path full() throws IOException {
        if (full == null) {
            full = generate(shared, true, true);
        }
        return full;
    }

    private static Map<String, Long> figureKinds(String html) {
        Map<String, Long> kinds = new TreeMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            kinds.merge(m.group(2), 1L, Long::sum);
        }
        return kinds;
    }

    private static Set<String> tableFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("tables"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyFigureAndTableIsPresentForASmallRun() throws IOException {
        Path out = full();
        String html = Files.readString(out.resolve("report.html"));
        int cells = 2;
        int sizes = Fixtures.SMALL.targetSizes().size();
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "error-vs-depth", (long) cells * sizes,
                "depth-star-vs-target-size", 1L,
                "phase-diagram", 1L,
                "gain-heat-map", 1L,
                "protocols", (long) cells,
                "similarity-profile", (long) Fixtures.MEASURES.size(),
                "transition-vs-depth-star", (long) Fixtures.MEASURES.size(),
                "layer-matrix", 2L,
                "training-curves", (long) cells * sizes));
        assertEquals(expected, figureKinds(html));
        assertEquals(new TreeSet<>(List.of("recommendations.csv", "protocols.csv", "optimal-depths.csv",
                "test-error-by-depth.csv", "trained-cells.csv", "training-curves.csv", "similarity-profiles.csv",
                "layer-matrices.csv", "transition-depths.csv", "similarity-vs-depth.csv", "stage-timings.csv",
                "invocations.csv")), tableFiles(out));
        for (String section : List.of("answer", "error-vs-depth", "optimal-depth", "protocols", "similarity-profiles",
                "similarity-vs-depth", "layer-matrices", "training-curves", "tables", "provenance")) {
            assertTrue(html.contains("<section id=\"" + section + "\">"), section);
            assertTrue(html.contains("<a href=\"#" + section + "\">"), "table of contents lists " + section);
        }
        assertTrue(html.contains("data-table=\"recommendations\"") && html.contains("data-table=\"protocols\""));
        assertEquals(cells * sizes, Table.read(out.resolve("tables/recommendations.csv")).rows().size());
        assertEquals(cells * sizes * 5, Table.read(out.resolve("tables/protocols.csv")).rows().size(),
                "five protocols per cell and target size");
    }

    @Test
    void answerTextMatchesTheTables() throws IOException {
        Path out = full();
        String html = Files.readString(out.resolve("report.html"));
        Map<String, Map<String, String>> byKey = new HashMap<>();
        for (Map<String, String> r : Table.read(out.resolve("tables/recommendations.csv")).rows()) {
            byKey.put(r.get("etaF") + "/" + r.get("targetSize"), r);
        }
        Pattern lead = Pattern.compile("^(\\d+) training examples \\(\\+ (\\d+) to validate\\), etaF = ([0-9.]+): (.*?); "
                + "test error (\\d\\.\\d{4}) ± (\\d\\.\\d{4}) against ");
        Matcher li = ANSWER.matcher(html);
        int answers = 0;
        while (li.find()) {
            answers++;
            String text = li.group(2).replaceAll("<[^>]+>", "");
            Matcher m = lead.matcher(text);
            assertTrue(m.find(), text);
            int n = Integer.parseInt(m.group(1));
            assertEquals(li.group(1), m.group(1));
            assertEquals(Fixtures.validationSize(n), Integer.parseInt(m.group(2)), text);
            Map<String, String> row = byKey.get(m.group(3) + "/" + n);
            Map<String, String> chosen = chosenOnValidation(m.group(3), n);
            assertEquals(chosen.get("init"), row.get("init"), text);
            assertEquals(chosen.get("depth"), row.get("depthStar"), text);
            assertEquals(rounded(chosen, "meanTestError"), m.group(5), "the test error of the validation choice: " + text);
            assertEquals(rounded(row, "stderrTestError"), m.group(6), text);
            int depthStar = Integer.parseInt(row.get("depthStar"));
            String advice = m.group(4);
            if (depthStar > 0 && depthStar < 3) {
                assertTrue(advice.contains("freeze the first " + (depthStar == 1 ? "layer" : depthStar + " layers")), advice);
                assertTrue(advice.contains("(" + row.get("init") + ")"), advice);
            }
            assertTrue(text.contains("Chosen on validation error"), text);
            if (depthStar != 0 || !row.get("init").equals("random")) {
                assertTrue(text.contains("Gain over scratch " + rounded(row, "gainOverScratch") + " (bootstrap interval ["
                        + rounded(row, "gainOverScratchLow") + ", " + rounded(row, "gainOverScratchHigh") + "])"), text);
            }
        }
        assertEquals(2 * Fixtures.SMALL.targetSizes().size(), answers);
    }

    /**
     * The oracle: from the fixture's summary.csv, the (init, depth) of lowest mean validation error over both
     * initialisations, random on a tie, the shallower depth on a tie within one.
     */
    private Map<String, String> chosenOnValidation(String eta, int n) throws IOException {
        Map<String, String> best = null;
        for (Map<String, String> r : Table.read(shared.resolve("in/transfer-" + eta + "/summary.csv")).rows()) {
            if (Integer.parseInt(r.get("targetSize")) != n) {
                continue;
            }
            double v = Double.parseDouble(r.get("meanValidationError"));
            double b = best == null ? Double.POSITIVE_INFINITY : Double.parseDouble(best.get("meanValidationError"));
            if (v < b || v == b && r.get("init").equals("random") && !best.get("init").equals("random")) {
                best = r;
            }
        }
        return best;
    }

    private static String rounded(Map<String, String> row, String column) {
        return String.format(Locale.ROOT, "%.4f", Double.parseDouble(row.get(column)));
    }

    @Test
    void runWithoutSimilarityStageGetsAReportWithoutSimilarityFigures() throws IOException {
        Path out = generate(false, true);
        String html = Files.readString(out.resolve("report.html"));
        Map<String, Long> kinds = figureKinds(html);
        assertFalse(kinds.containsKey("similarity-profile") || kinds.containsKey("layer-matrix"), kinds.toString());
        assertEquals(6L, kinds.get("error-vs-depth"));
        assertFalse(kinds.containsKey("transition-vs-depth-star"), kinds.toString());
        assertFalse(html.contains("id=\"similarity-profiles\"") || html.contains("id=\"layer-matrices\"")
                || html.contains("id=\"similarity-vs-depth\""));
        assertFalse(tableFiles(out).contains("similarity-profiles.csv") || tableFiles(out).contains("similarity-vs-depth.csv"));
        assertTrue(html.contains("class=\"answer\""));
    }

    @Test
    void resultsWrittenBeforeValidationSelectionAreReadAndSaidToBeChosenOnTheTestSet() throws IOException {
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), Fixtures.SMALL, false, false, true);
        Path out = ReportGenerator.generate(inputs, new ReportOptions("Legacy", false), dir.resolve("out")).getParent();
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Chosen on mean test error"), "the answers say the choice looked at the test set");
        assertEquals("test", new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("chosenOn").asText());
        for (Map<String, String> r : Table.read(out.resolve("tables/recommendations.csv")).rows()) {
            Map<String, String> best = null;
            for (Map<String, String> o : Table.read(dir.resolve("in/transfer-" + r.get("etaF") + "/optimal-depths.csv")).rows()) {
                double mean = Double.parseDouble(o.get("meanTestError"));
                if (o.get("targetSize").equals(r.get("targetSize")) && (best == null
                        || mean < Double.parseDouble(best.get("meanTestError"))
                        || mean == Double.parseDouble(best.get("meanTestError")) && o.get("init").equals("random"))) {
                    best = o;
                }
            }
            assertEquals(best.get("init") + "/" + best.get("depthStar"), r.get("init") + "/" + r.get("depthStar"),
                    "the initialisation of lower test error, random on a tie");
        }
    }

    @Test
    void oneSeedShowsNoSpreadIntervalOrTestAnywhere() throws IOException {
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), new Fixtures.Study(3, List.of(60, 300), 1), false, false);
        Path out = ReportGenerator.generate(inputs, new ReportOptions("One seed", false), dir.resolve("out")).getParent();
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("± 0.0000") || html.contains("± –") || html.contains("p = "), "no spread or test claimed");
        assertTrue(html.contains("s.e. n/a (1 seed)") && html.contains("<td class=\"num\">n/a (1 seed)</td>"));
        assertEquals("validation", new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("chosenOn").asText());
    }

    @Test
    void transitionDepthsOfTheFixtureProfilesAreTheLayersThatTransferWell() throws IOException {
        Path out = full();
        Table points = Table.read(out.resolve("tables/transition-depths.csv"));
        int checked = 0;
        for (Map<String, String> r : points.rows()) {
            if (r.get("measure").equals("linear-cka") || r.get("measure").equals("information-imbalance")) {
                long useful = Math.round(3 * (1 - Double.parseDouble(r.get("etaF"))));
                assertEquals(useful, Long.parseLong(r.get("transitionDepth")), r.toString());
                checked++;
            }
        }
        assertEquals(2 * 2 * 2 * Fixtures.SMALL.targetSizes().size(), checked, "2 measures x 2 definitions x 2 cells x sizes");
        Map<String, String> cka = Table.read(out.resolve("tables/similarity-vs-depth.csv")).rows().stream()
                .filter(r -> r.get("measure").equals("linear-cka") && r.get("definition").equals("largest-drop"))
                .findFirst().orElseThrow();
        assertEquals("2", cka.get("taskPairs"));
        // the fixture's ℓ* is 3 for etaF = 0 and 2 for etaF = 0.5, as are the transition depths: ρ = 1
        assertEquals(1.0, Double.parseDouble(cka.get("spearman")), 1e-12);
        assertEquals("no interval (2 task pairs; needs 3)", cka.get("verdict"));
        assertTrue(html(out).contains("data-table=\"similarity-vs-depth\""));
    }

    private static String html(Path out) throws IOException {
        return Files.readString(out.resolve("report.html"));
    }

    @Test
    void trainingCurvesCanBeLeftOut() throws IOException {
        Path out = generate(false, false);
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(figureKinds(html).containsKey("training-curves"));
        assertFalse(tableFiles(out).contains("training-curves.csv"));
    }

    @Test
    void pageReferencesNothingOutsideItself() throws IOException {
        Path out = full();
        String html = Files.readString(out.resolve("report.html"));
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("<script", "<link", "<iframe", "<object", "<embed", "@import", "url(")) {
            assertFalse(lower.contains(forbidden), forbidden);
        }
        Set<String> ids = new TreeSet<>();
        Matcher id = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        Matcher a = ATTRIBUTE.matcher(html);
        int images = 0;
        while (a.find()) {
            String value = a.group(2);
            if (a.group(1).equals("src")) {
                images++;
                assertTrue(value.startsWith("data:image/png;base64,"), value.substring(0, Math.min(60, value.length())));
            } else if (value.startsWith("#")) {
                assertTrue(ids.contains(value.substring(1)), "anchor " + value + " exists");
            } else {
                assertTrue(value.matches("tables/[a-z-]+\\.csv") && Files.exists(out.resolve(value)), value);
            }
        }
        assertEquals(figureKinds(html).values().stream().mapToLong(Long::longValue).sum(), images);
    }

    @Test
    void jsonHoldsTheAnswersEveryTableAndEveryFigure() throws IOException {
        Path out = full();
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("Fixture study", json.get("title").asText());
        assertEquals(6, json.get("answers").size());
        for (Path csv : Files.list(out.resolve("tables")).toList()) {
            String name = csv.getFileName().toString().replace(".csv", "");
            assertEquals(Table.read(csv).rows().size(), json.get("tables").get(name).size(), name);
        }
        List<String> figureIds = new ArrayList<>();
        json.get("figures").forEach(f -> figureIds.add(f.get("id").asText()));
        List<String> htmlIds = new ArrayList<>();
        Matcher m = FIGURE.matcher(Files.readString(out.resolve("report.html")));
        while (m.find()) {
            htmlIds.add(m.group(1));
        }
        assertEquals(htmlIds, figureIds);
        assertEquals(htmlIds.size(), new TreeSet<>(htmlIds).size(), "figure ids are unique");
        JsonNode first = json.get("answers").get(0);
        assertEquals(0.0, first.get("etaF").asDouble());
        assertTrue(first.get("meanTestError").isDouble() && first.get("depthStar").isIntegralNumber());
        assertEquals(42, json.get("provenance").get("baseSeed").asInt());
    }

    @Test
    void provenanceShowsPipelineSoftwareSeedsAndReuse() throws IOException {
        Path out = generate(false, true);
        String html = Files.readString(out.resolve("report.html"));
        String provenance = html.substring(html.indexOf("<section id=\"provenance\">"));
        assertTrue(provenance.contains("# A small study"), "pipeline text");
        assertTrue(provenance.contains("0.1.0-TEST") && provenance.contains("17.0.15"), "software versions");
        assertTrue(provenance.contains("base seed 42, 3 seeds (indices 0–2)"), "seeds");
        assertTrue(provenance.contains("3 stage invocations in the run record: 2 computed, 1 reused"));
        Map<String, Map<String, String>> timings = new HashMap<>();
        Table.read(out.resolve("tables/stage-timings.csv")).rows().forEach(r -> timings.put(r.get("stageId"), r));
        assertEquals("1", timings.get("tasks").get("computed"));
        assertEquals("1", timings.get("tasks").get("reused"));
        assertEquals("63", timings.get("finetune").get("unitsComputed"));
        assertEquals(12.5, Double.parseDouble(timings.get("finetune").get("seconds")));
    }
}
