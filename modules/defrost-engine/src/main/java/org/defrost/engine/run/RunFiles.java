package org.defrost.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/**
 * The layout of a run's directory, {@code runs/<run-id>/}: {@code run.json}, {@code pipeline.yaml}, {@code outputs/}
 * (links to the artifacts, named by stage, matrix values, seed and kind) and {@code report.html}; and
 * {@code runs/latest}, a link to the newest run's directory.
 */
public final class RunFiles {
    public static final String RECORD = "run.json";
    public static final String PIPELINE = "pipeline.yaml";
    public static final String OUTPUTS = "outputs";
    /** The run's report page: the one place to open it, whether the run's report stage or {@code defrost report} wrote it. */
    public static final String REPORT = "report.html";
    /** Locked by the process running the run, for as long as it runs: how others tell a live run from a killed one. */
    public static final String LOCK = "run.lock";
    /** The link to the newest run in {@code runs/}. */
    public static final String LATEST = "latest";

    private RunFiles() {
    }

    /**
     * The name of an output link: {@code <stage>[-<key>=<value>...][-s<seed>]-<kind>}, e.g.
     * {@code finetune-etaF=0.5-transfer-results}. Matrix values appear only when the stage runs per cell of a
     * matrix with more than one cell; characters that are unsafe in file names become {@code _}.
     *
     * @param cell      the invocation's matrix cell, empty for whole-pipeline stages
     * @param seedIndex the seed index, or -1 when the invocation spans seeds or the pipeline has one seed
     */
    public static String outputName(String stageId, Map<String, Object> cell, boolean namesCell, int seedIndex, String kind) {
        StringBuilder name = new StringBuilder(stageId);
        if (namesCell) {
            cell.forEach((k, v) -> name.append('-').append(safe(k)).append('=').append(safe(String.valueOf(v))));
        }
        if (seedIndex >= 0) {
            name.append("-s").append(seedIndex);
        }
        return name.append('-').append(kind).toString();
    }

    private static String safe(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._+=,-]", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /**
     * Points {@code runs/latest} at {@code runDir}, replacing the link atomically so that readers never see it
     * missing. A failure is logged, never thrown: the link is a convenience.
     */
    static void pointLatestAt(Path runDir) {
        Path runs = runDir.getParent();
        Path tmp = runs.resolve("." + LATEST + "-" + UUID.randomUUID());
        try {
            Files.createSymbolicLink(tmp, runDir.getFileName());
            Files.move(tmp, runs.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            System.getLogger(RunFiles.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not point " + runs.resolve(LATEST) + " at " + runDir + ": " + e);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /** Takes the run's {@link #LOCK}; the caller closes the channel when the run ends (the OS does if it dies). */
    static java.nio.channels.FileChannel holdLock(Path runDir) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(runDir.resolve(LOCK),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Whether a process is running the run of {@code runDir} now: its {@link #LOCK} is held. A run recorded as
     * {@code running} whose lock is free was killed.
     */
    public static boolean isAlive(Path runDir) {
        Path lock = runDir.resolve(LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock l = channel.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // this process runs it
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Resolves a run id given on the command line: {@code latest} (the link, or the newest run when links are not
     * supported) or an id as printed by {@code defrost run}.
     *
     * @return the run's id, or null when there is none
     */
    public static String resolveId(Path runsDirectory, String idOrLatest) throws IOException {
        if (!LATEST.equals(idOrLatest)) {
            return idOrLatest;
        }
        Path link = runsDirectory.resolve(LATEST);
        if (Files.isSymbolicLink(link)) {
            return Files.readSymbolicLink(link).getFileName().toString();
        }
        if (!Files.isDirectory(runsDirectory)) {
            return null;
        }
        try (var s = Files.list(runsDirectory)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(RECORD)) && !d.getFileName().toString().equals(LATEST))
                    .map(d -> d.getFileName().toString()).max(String::compareTo).orElse(null);
        }
    }
}
