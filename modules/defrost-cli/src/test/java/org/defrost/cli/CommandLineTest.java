package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as users call it: exit codes, messages, help. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = DefrostCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@link #run}, with what the command prints on {@code System.out} (not only picocli's writer) in {@code out}. */
    static Result runCapturingStdout(List<String> args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Result r = run(args.toArray(String[]::new));
            return new Result(r.code(), r.out() + printed.toString(StandardCharsets.UTF_8), r.err());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void validateAcceptsTheShippedPipelines() throws Exception {
        try (var files = Files.list(Path.of("../../pipelines"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Result r = run("validate", "--plugins", dir.resolve("none").toString(), p.toString());
                assertEquals(0, r.code(), p + ": " + r.err());
                assertTrue(r.out().contains("valid"), r.out());
            }
        }
    }

    @Test
    void validateReportsEveryProblemWithFileLineAndFieldAndExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                pipeline: bad
                stages:
                  - id: tasks
                    uses: chmmm
                  - id: source
                    uses: pretrain
                    with: { maxEpochs: -3, hiden: [4] }
                """);
        Result r = run("validate", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":4:11: stages[0].uses: unknown stage type 'chmmm'; did you mean 'chmm'?"), r.err());
        assertTrue(r.err().contains(bad + ":7:24: stages[1].with.maxEpochs: value -3 is out of range [1, 1000000]"), r.err());
        assertTrue(r.err().contains("stages[1].with.hiden: stage type 'pretrain' has no parameter 'hiden'; did you mean 'hidden'?"),
                r.err());
    }

    @Test
    void stagesListsBuiltInStagesAndDescribesOne() {
        Result list = run("stages");
        assertEquals(0, list.code());
        for (String type : new String[] {"chmm", "pretrain", "incremental-defrosting", "fine-tune"}) {
            assertTrue(list.out().contains(type), list.out());
        }
        assertTrue(list.out().contains("built-in"));
        Result describe = run("stages", "--describe", "fine-tune");
        assertEquals(0, describe.code());
        assertTrue(describe.out().contains("targetSizes: a list of integers in [2, 100000000]; default required"), describe.out());
        assertTrue(describe.out().contains("Consumes: task-pair, source-network, transfer-plan"), describe.out());
        Result unknown = run("stages", "--describe", "fine-tun");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("did you mean 'fine-tune'?"), unknown.err());
    }

    @Test
    void unknownOptionsAndMissingArgumentsExitTwoWithAHint() {
        Result r = run("run", "--thread", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Try 'defrost run --help'."), r.err());
        assertEquals(2, run("frobnicate").code());
    }

    @Test
    void similarityPrintsOneJsonObjectAndRejectsBadInputWithExitTwo() throws Exception {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        org.defrost.npy.Npy.write(a, new double[] {0, 0, 1, 0, 0, 1, 1, 1, 2, 3}, 5, 2);
        org.defrost.npy.Npy.write(b, new float[] {0, 0, 2, 0, 0, 2, 2, 2, 4, 6}, 5, 2);
        Result same = run("similarity", "--measure", "linear-cka", a.toString(), b.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().startsWith("{") && same.out().contains("\"measure\": \"linear-cka\"")
                && same.out().contains("\"value\": 1.0"), same.out());
        Result imbalance = run("similarity", "--measure", "information-imbalance", a.toString(), a.toString());
        assertTrue(imbalance.out().contains("\"value\": 0.4"), "Delta(A -> A) = 2/n = 0.4: " + imbalance.out());
        Result unknown = run("similarity", "--measure", "cka", a.toString(), b.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("linear-cka"), unknown.err());
        Path short3 = dir.resolve("c.npy");
        org.defrost.npy.Npy.write(short3, new double[] {1, 2, 3}, 3, 1);
        Result rows = run("similarity", "--measure", "linear-cka", a.toString(), short3.toString());
        assertEquals(2, rows.code());
        assertTrue(rows.err().contains("5") && rows.err().contains("3"), rows.err());
        assertEquals(2, run("similarity", "--measure", "linear-cka", dir.resolve("missing.npy").toString(), b.toString()).code());
    }

    @Test
    void similarityComputesOnTheGivenThreadsAndRejectsFewerThanOne() throws Exception {
        Path a = dir.resolve("a.npy");
        org.defrost.npy.Npy.write(a, new double[] {0, 0, 1, 0, 0, 1, 1, 1, 2, 3}, 5, 2);
        Result one = run("similarity", "--measure", "linear-cka", "--threads", "1", a.toString(), a.toString());
        Result three = run("similarity", "--measure", "linear-cka", "--threads", "3", a.toString(), a.toString());
        assertEquals(0, one.code(), one.err());
        assertEquals(one.out(), three.out());
        Result none = run("similarity", "--measure", "linear-cka", "--threads", "0", a.toString(), a.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--threads must be at least 1"), none.err());
    }

    @Test
    void benchWithoutABenchmarkNamesTheBenchmarks() {
        Result r = run("bench");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("train, similarity, gemm, chmm, fast-mode or source-selection"), r.err());
    }

    @Test
    void benchPassesItsArgumentsToTheBenchmark() {
        Result r = run("bench", "similarity", "--repeats", "1", "--bogus");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown argument --bogus"), r.err());
        for (String fast : new String[] {"fast-mode", "source-selection"}) {
            Result f = run("bench", fast, "--bogus");
            assertEquals(1, f.code(), fast);
            assertTrue(f.err().contains("unknown argument --bogus"), f.err());
        }
    }

    @Test
    void runOfAnInvalidPipelineExitsTwoWithoutRunning() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "pipeline: x\nstages:\n  - id: a\n    uses: nope\n");
        Result r = run("run", "--workspace", dir.resolve("w").toString(), bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown stage type 'nope'"), r.err());
        assertTrue(Files.notExists(dir.resolve("w/runs")));
    }
}
