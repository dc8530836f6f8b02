package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage plugins as users install them: jars and directories in a plugins directory, listed by
 * {@code defrost stages} and used by {@code defrost run}, with broken plugins reported and skipped.
 */
class PluginIntegrationTest {
    @TempDir
    Path dir;

    /** A plugins directory with the linear-probe jar, a jar whose service file names a missing class, and a corrupt jar. */
    private Path pluginsWithBrokenNeighbours() throws IOException {
        Path plugins = dir.resolve("plugins");
        PluginJars.linearProbe(plugins.resolve("linear-probe.jar"));
        PluginJars.jarOf(plugins.resolve("missing-class.jar"),
                Map.of(PluginJars.SERVICE_FILE, "com.example.missing.NoSuchStage\n"));
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip archive");
        return plugins;
    }

    /** Runs {@code defrost ARGS} in a new JVM on the test class path plus {@code extraClassPath}. */
    private CommandLineTest.Result defrost(List<Path> extraClassPath, String... args) throws Exception {
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        extraClassPath.forEach(p -> classPath.append(File.pathSeparator).append(p));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", classPath.toString(), DefrostCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("defrost did not finish within 5 minutes: " + Files.readString(err));
        }
        return new CommandLineTest.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The files of the artifacts a run linked under {@code runs/<id>/outputs}, by link name. */
    private static Path output(Path workspace, String link) throws IOException {
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            return run.resolve("outputs").resolve(link).toRealPath();
        }
    }

    @Test
    void stagesListsThePluginWithItsJarAsOriginAndReportsTheBrokenJarsBesideIt() throws Exception {
        Path plugins = pluginsWithBrokenNeighbours();
        CommandLineTest.Result r = CommandLineTest.run("stages", "--plugins", plugins.toString());
        assertEquals(0, r.code(), r.err());
        String jar = plugins.resolve("linear-probe.jar").toAbsolutePath().normalize().toString();
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("linear-probe ") && l.contains("each-matrix-cell")
                && l.endsWith(jar)), r.out());
        for (String builtIn : List.of("chmm", "pretrain", "incremental-defrosting", "fine-tune")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(builtIn + " ") && l.endsWith("built-in")), r.out());
        }
        assertTrue(r.err().contains("defrost: warning: " + plugins.resolve("missing-class.jar").toAbsolutePath().normalize()
                + ": a stage could not be loaded") && r.err().contains("com.example.missing.NoSuchStage"), r.err());
        assertTrue(r.err().contains("defrost: warning: " + plugins.resolve("corrupt.jar") + ": not a readable plugin"), r.err());

        CommandLineTest.Result described = CommandLineTest.run("stages", "--plugins", plugins.toString(), "--describe",
                "linear-probe");
        assertEquals(0, described.code(), described.err());
        assertTrue(described.out().startsWith("linear-probe 2 (" + jar + ")"), described.out());
        assertTrue(described.out().contains("Consumes: task-pair, source-network"), described.out());
        assertTrue(described.out().contains("layers: a list of integers or all in [0, 10000]; default all"), described.out());
    }

    @Test
    void aPipelineRunsThePluginStageAfterTheBuiltInOnesWhileTheBrokenJarsAreSkipped() throws Exception {
        Path plugins = pluginsWithBrokenNeighbours();
        Path pipeline = Files.writeString(dir.resolve("probe.yaml"), """
                pipeline: probe
                seed: 3
                seeds: 2
                stages:
                  - id: tasks
                    uses: chmm
                    with: { inputDim: 20, sourceLatentDim: 5, targetLatentDim: 5, sourceTrainSize: 300,
                            targetPoolSize: 150, sourceTestSize: 100, targetTestSize: 200, probeSize: 10 }
                  - id: source
                    uses: pretrain
                    with: { hidden: [16, 12], maxEpochs: 10, patience: 5 }
                  - id: probe
                    uses: linear-probe
                    with: { targetSizes: [40, 100], maxEpochs: 30 }
                """);
        Path workspace = dir.resolve("work");
        CommandLineTest.Result r = defrost(List.of(), "run", "--plugins", plugins.toString(), "--workspace",
                workspace.toString(), "--threads", "2", pipeline.toString());
        assertEquals(0, r.code(), () -> r.out() + r.err());
        assertTrue(r.err().contains("missing-class.jar: a stage could not be loaded"), r.err());
        assertTrue(r.out().contains("Linear probe: target test error of a linear readout on each layer of S "
                + "(mean ± standard error over 2 seeds)"), r.out());
        Path profile = output(workspace, "probe-linear-probe").resolve("profile.csv");
        assertTrue(r.out().contains("probe: "), r.out());
        List<String> rows = Files.readAllLines(profile);
        assertEquals("targetSize,trainSize,layer,width,seeds,testError,testErrorStandardError,testLoss,trainError,validationError",
                rows.get(0));
        assertEquals(1 + 2 * 3, rows.size(), rows.toString());
    }

    /** A stage class that writes which version of the shared library class it sees. */
    private static String versionStage(String pkg, String type, String kind) {
        return """
                package %s;

                import java.nio.file.Files;
                import java.util.List;
                import org.defrost.spi.Stage;
                import org.defrost.spi.StageContext;
                import org.defrost.spi.StageDescriptor;
                import org.defrost.spi.StageScope;

                public final class VersionStage implements Stage {
                    @Override
                    public StageDescriptor descriptor() {
                        return new StageDescriptor("%s", "1", "Writes the version of the library it sees.", List.of(),
                                List.of(), List.of("%s"), StageScope.WHOLE_PIPELINE);
                    }

                    @Override
                    public void run(StageContext ctx) throws Exception {
                        Files.writeString(ctx.output("%s").directory().resolve("version.txt"), com.example.shared.Greeting.version());
                    }
                }
                """.formatted(pkg, type, kind, kind);
    }

    /** Version {@code version} of the library class both plugins bundle. */
    private Path library(String version) throws IOException {
        return PluginJars.compile(Map.of("com/example/shared/Greeting.java", """
                package com.example.shared;

                public final class Greeting {
                    public static String version() {
                        return "%s";
                    }
                }
                """.formatted(version)), dir.resolve("greeting-" + version), List.of());
    }

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneLibraryEachUseTheirOwnInOneRun() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path v1 = library("1");
        Path alpha = PluginJars.compile(Map.of("com/example/alpha/VersionStage.java",
                versionStage("com.example.alpha", "version-alpha", "alpha-version")), dir.resolve("alpha"), List.of(v1));
        Files.createDirectories(alpha.resolve("META-INF/services"));
        Files.writeString(alpha.resolve(PluginJars.SERVICE_FILE), "com.example.alpha.VersionStage\n");
        PluginJars.jar(plugins.resolve("alpha.jar"), alpha, v1);

        Path v2 = library("2");
        Path beta = plugins.resolve("beta");
        PluginJars.compile(Map.of("com/example/beta/VersionStage.java",
                versionStage("com.example.beta", "version-beta", "beta-version")), beta, List.of(v2));
        Files.createDirectories(beta.resolve("META-INF/services"));
        Files.writeString(beta.resolve(PluginJars.SERVICE_FILE), "com.example.beta.VersionStage\n");
        PluginJars.jar(beta.resolve("lib/greeting-2.jar"), v2);

        Path applicationCopy = PluginJars.jar(dir.resolve("app/greeting-0.jar"), library("0"));
        Path pipeline = Files.writeString(dir.resolve("versions.yaml"), """
                pipeline: versions
                stages:
                  - id: alpha
                    uses: version-alpha
                  - id: beta
                    uses: version-beta
                """);
        Path workspace = dir.resolve("work");
        CommandLineTest.Result r = defrost(List.of(applicationCopy), "run", "--plugins", plugins.toString(), "--workspace",
                workspace.toString(), pipeline.toString());
        assertEquals(0, r.code(), () -> r.out() + r.err());
        assertEquals("1", Files.readString(output(workspace, "alpha-alpha-version").resolve("version.txt")));
        assertEquals("2", Files.readString(output(workspace, "beta-beta-version").resolve("version.txt")));
        Map<?, ?> record;
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            record = Json.MAPPER.readValue(runs.findFirst().orElseThrow().resolve("run.json").toFile(), Map.class);
        }
        assertEquals("succeeded", record.get("status"));
    }
}
