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

    @Override
    public void run(StageContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Artifact source = ctx.input(ArtifactKinds.SOURCE_NETWORK);
        int layers = ((Number) source.metadata().get("hiddenLayers")).intValue();
        TreeSet<Integer> depths = new TreeSet<>();
        if (p.isWord("depths", "all")) {
            for (int d = 0; d <= layers; d++) {
                depths.add(d);
            }
        } else {
            for (int d : p.getIntList("depths")) {
                if (d > layers) {
                    throw new IllegalArgumentException("depths: " + d + " is deeper than the source network's "
                            + layers + " feature layers");
                }
                depths.add(d);
            }
        }
        List<String> inits = p.getStringList("unfrozenInit");
        Seed starts = ctx.seed().derive("start");
        List<TransferPlan.Start> plan = new ArrayList<>();
        for (int d : depths.descendingSet()) {
            for (String init : inits) {
                String build = d == layers ? "pretrained" : init;
                plan.add(new TransferPlan.Start(d, init, build, starts.derive(d).derive(build).value()));
            }
        }
        new TransferPlan(layers, plan, p.getBoolean("twoStage"), p.getDouble("twoStageFactor"))
                .write(ctx.output(ArtifactKinds.TRANSFER_PLAN).directory());
        ctx.output(ArtifactKinds.TRANSFER_PLAN).putMetadata("starts", plan.size());
    }
}
