package org.defrost.tasks.chmm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.defrost.kernels.KernelThreads;
import org.defrost.spi.Seed;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairManifest.TaskDescription;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskPairWriter;

/**
 * Generates a CHMM task pair into a directory (layout in the {@code org.defrost.tasks} package docs),
 * block by block: memory stays proportional to a block whatever the set sizes.
 */
public final class ChmmTaskPairGenerator {
    /** The {@code generator} name written to {@code task-pair.json}. */
    public static final String GENERATOR = "chmm";

    /** Receives the blocks of one set in row order. */
    @FunctionalInterface
    public interface BlockConsumer {
        void accept(ChmmBlock block) throws IOException;
    }

    private ChmmTaskPairGenerator() {
    }

    /** Generates with {@link ChmmGenerationOptions#defaults()}. */
    public static TaskPair generate(ChmmParameters parameters, Seed seed, Path directory) throws IOException {
        return generate(parameters, seed, directory, ChmmGenerationOptions.defaults());
    }

    /**
     * Draws the ingredients and every set of the pair from {@code seed}, writes them to {@code directory}
     * and returns the pair read back, drawing on {@code options.threads()} threads. The bytes depend only on
     * {@code parameters} and {@code seed}.
     */
    public static TaskPair generate(ChmmParameters parameters, Seed seed, Path directory,
                                    ChmmGenerationOptions options) throws IOException {
        ChmmTeachers teachers = ChmmTeachers.draw(parameters, seed);
        ChmmSampler sampler = new ChmmSampler(parameters, teachers, seed);
        TaskPairWriter writer = TaskPairWriter.create(directory);
        int n = parameters.inputDim();
        try (KernelThreads threads = KernelThreads.of(options.threads())) {
            writeSets(parameters, sampler, writer, options.blockRows(), threads);
        }
        writer.writeArray("chmm/source_features.npy", teachers.sourceFeatures(), "source feature matrix F_s (Ds x N)",
                parameters.sourceLatentDim(), n);
        writer.writeArray("chmm/source_teacher.npy", teachers.sourceTeacher(), "source teacher theta_s (Ds)",
                parameters.sourceLatentDim());
        writer.writeArray("chmm/target_features.npy", teachers.targetFeatures(), "target feature matrix F_t (Dt x N)",
                parameters.targetLatentDim(), n);
        writer.writeArray("chmm/target_teacher.npy", teachers.targetTeacher(), "target teacher theta_t (Dt)",
                parameters.targetLatentDim());
        return writer.finish(GENERATOR, seed, relation(parameters, teachers), new int[] {n},
                task(parameters, "source", parameters.sourceLatentDim()),
                task(parameters, "target", parameters.targetLatentDim()), parameters.toMap());
    }

    /** Draws every set of the pair and writes it, block by block. */
    private static void writeSets(ChmmParameters parameters, ChmmSampler sampler, TaskPairWriter writer, int blockRows,
                                  KernelThreads threads) throws IOException {
        int n = parameters.inputDim();
        for (ChmmSet set : ChmmSet.values()) {
            int rows = set.rows(parameters);
            if (set == ChmmSet.PAIRED_PROBES) {
                try (TaskPairWriter.SetWriter s = writer.open(TaskPairSet.PROBE_PAIRED_SOURCE, rows, n);
                     TaskPairWriter.SetWriter t = writer.open(TaskPairSet.PROBE_PAIRED_TARGET, rows, n)) {
                    stream(sampler, set, rows, blockRows, threads, block -> {
                        s.append(block.samples());
                        t.append(block.pairedTarget());
                    });
                }
            } else {
                try (TaskPairWriter.SetWriter w = writer.open(set.file(), rows, n)) {
                    stream(sampler, set, rows, blockRows, threads, block -> w.append(block.samples()));
                }
            }
        }
    }

    /**
     * Draws rows {@code 0 .. rows} of {@code set} in blocks of {@code blockRows} on {@code threads} and gives
     * them to {@code consumer}, in order, on the calling thread.
     */
    public static void stream(ChmmSampler sampler, ChmmSet set, int rows, int blockRows, KernelThreads threads,
                              BlockConsumer consumer) throws IOException {
        int blocks = (int) ((rows + (long) blockRows - 1) / blockRows);
        OrderedBlocks.run(blocks, threads, b -> {
            int first = b * blockRows;
            return sampler.sample(set, first, Math.min(blockRows, rows - first));
        }, consumer::accept);
    }

    private static TaskDescription task(ChmmParameters p, String name, int latentDim) {
        return new TaskDescription(2, List.of("-1", "+1"), String.format(Locale.ROOT,
                "%s hidden manifold task: x = %s(F^T c / sqrt(%d)) in R^%d, label 1 if theta . c > 0 (y = +1) "
                        + "else 0 (y = -1), training labels flipped with probability %s",
                name, p.nonlinearity().id(), latentDim, p.inputDim(), p.labelNoise()));
    }

    private static String relation(ChmmParameters p, ChmmTeachers t) {
        return String.format(Locale.ROOT,
                "correlated hidden manifold model: the first %d of the target's %d latent directions are tied to the "
                        + "source's (Ds = %d) with F_t = sqrt(1 - etaF) F_s + sqrt(etaF) G, etaF = %s, and "
                        + "theta_t = sqrt(1 - etaTheta) theta_s + sqrt(etaTheta) g, etaTheta = %s; the other "
                        + "directions are drawn fresh; measured teacher overlap %.4f",
                p.sharedLatentDim(), p.targetLatentDim(), p.sourceLatentDim(), p.etaF(), p.etaTheta(),
                t.teacherOverlap());
    }
}
