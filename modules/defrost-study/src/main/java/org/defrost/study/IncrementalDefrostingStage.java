package org.defrost.study;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;

/**
 * {@code incremental-defrosting}: decides the starting networks of the sweep for one source network:
 * every transfer depth ℓ = L, L-1, ..., 0 (or the listed ones) times every initialisation of the unfrozen
 * feature layers. The scratch baseline (ℓ = 0, random) and full fine-tuning (ℓ = 0, pretrained) are
 * part of it. The networks themselves are built deterministically from S and the start's seed by the
 * cells that train them, so a plan costs no storage per depth.
 */
public final class IncrementalDefrostingStage implements Stage {
    static final String TYPE = "incremental-defrosting";

    @Override
    public StageDescriptor descriptor() {
        return new StageDescriptor(TYPE, "1",
                "Plans incremental defrosting for a source network S with L feature layers: for each transfer "
                        + "depth (layers 1..depth copied from S and frozen) and each initialisation of the layers "
                        + "above (random: re-initialised; pretrained: copied from S and trained), one starting "
                        + "network with a fresh readout. Depth 0 with random is training from scratch; depth 0 with "
                        + "pretrained is full fine-tuning; depth L is the classic recipe.",
                List.of(ParameterSpec.integers("depths", null, "Transfer depths to evaluate, or all for L, L-1, ..., 0.")
                                .withChoices(List.of("all")).withRange(0, 10_000)
                                .withDefault("all"),
                        ParameterSpec.strings("unfrozenInit", List.of("random", "pretrained"), List.of("random", "pretrained"),
                                "How the feature layers above the transfer depth start."),
                        ParameterSpec.bool("twoStage", false,
                                "After training with the first layers frozen, unfreeze all and fine-tune again."),
                        ParameterSpec.number("twoStageFactor", 0.1, "Learning-rate factor of the second stage.")
                                .withRange(1e-6, 1)),
                List.of(ArtifactKinds.SOURCE_NETWORK), List.of(ArtifactKinds.TRANSFER_PLAN), StageScope.EACH_SEED);
    }

    /**
     * The stage's parameters, bound.
     *
     * @param depths         the listed transfer depths, or empty for {@code all}
     * @param inits          initialisations of the feature layers above each depth
     * @param twoStage       after training with the first layers frozen, unfreeze all and fine-tune again
     * @param twoStageFactor learning-rate factor of the second stage
     */
    record Settings(List<Integer> depths, List<String> inits, boolean twoStage, double twoStageFactor) {
        static Settings of(Parameters p) {
            return new Settings(p.isWord("depths", "all") ? List.of() : p.getIntList("depths"),
                    p.getStringList("unfrozenInit"), p.getBoolean("twoStage"), p.getDouble("twoStageFactor"));
        }

        /**
         * The depths to plan for a source network with {@code layers} feature layers, deepest first.
         *
         * @throws IllegalArgumentException naming a listed depth deeper than {@code layers}
         */
        List<Integer> depthsFor(int layers) {
            TreeSet<Integer> out = new TreeSet<>();
            if (depths.isEmpty()) {
                for (int d = 0; d <= layers; d++) {
                    out.add(d);
                }
            }
            for (int d : depths) {
                if (d > layers) {
                    throw new IllegalArgumentException("depths: " + d + " is deeper than the source network's "
                            + layers + " feature layers");
                }
                out.add(d);
            }
            return List.copyOf(out.descendingSet());
        }
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        Settings settings = Settings.of(ctx.parameters());
        Artifact source = ctx.input(ArtifactKinds.SOURCE_NETWORK);
        int layers = ((Number) source.metadata().get("hiddenLayers")).intValue();
        Seed starts = ctx.seed().derive("start");
        List<TransferPlan.Start> plan = new ArrayList<>();
        for (int d : settings.depthsFor(layers)) {
            for (String init : settings.inits()) {
                String build = d == layers ? "pretrained" : init;
                plan.add(new TransferPlan.Start(d, init, build, starts.derive(d).derive(build).value()));
            }
        }
        new TransferPlan(layers, plan, settings.twoStage(), settings.twoStageFactor())
                .write(ctx.output(ArtifactKinds.TRANSFER_PLAN).directory());
        ctx.output(ArtifactKinds.TRANSFER_PLAN).putMetadata("starts", plan.size());
    }
}
