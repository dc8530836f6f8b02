package org.defrost.tasks.data;

import java.util.Locale;
import org.defrost.spi.ParameterException;
import org.defrost.tasks.Choice;

/**
 * A change applied to every target input (pool, test and probes): the analogue of a feature change.
 * Permutation and rotation act on the raw inputs before standardisation; noise is added after it, so
 * {@code noiseStd} is in units of the standardised inputs (standard deviations of the source training data
 * when standardisation is {@code global}).
 *
 * @param kind            which change
 * @param noiseStd        for {@link Kind#NOISE}: standard deviation of the i.i.d. Gaussian noise, > 0
 * @param rotationDegrees for {@link Kind#ROTATION}: counter-clockwise angle about the image centre
 */
public record InputChange(Kind kind, double noiseStd, double rotationDegrees) {

    /** The available changes. */
    public enum Kind implements Choice {
        /** Target inputs are the dataset's inputs. */
        NONE,
        /** Independent N(0, noiseStd^2) noise added to each standardised input, drawn afresh per row. */
        NOISE,
        /** One fixed random permutation of the input features, drawn from the seed. */
        PERMUTATION,
        /** Rotation of square images by rotationDegrees with bilinear interpolation; outside pixels are 0. */
        ROTATION;

        /** The kind named {@code id}; the message names the parameter {@code inputChange}. */
        public static Kind parse(String id) {
            return Choice.parse(Kind.class, id, "inputChange");
        }
    }

    public InputChange {
        if (kind == null) {
            throw new ParameterException("inputChange", "inputChange must be given");
        }
        if (kind == Kind.NOISE && !(noiseStd > 0 && Double.isFinite(noiseStd))) {
            throw new ParameterException("noiseStd", "noiseStd must be a positive number for inputChange = noise, got "
                    + noiseStd);
        }
        if (!Double.isFinite(rotationDegrees)) {
            throw new ParameterException("rotationDegrees", "rotationDegrees must be finite, got " + rotationDegrees);
        }
    }

    /** No change. */
    public static InputChange none() {
        return new InputChange(Kind.NONE, 0, 0);
    }

    /** Additive Gaussian noise of standard deviation {@code std} (standardised units). */
    public static InputChange noise(double std) {
        return new InputChange(Kind.NOISE, std, 0);
    }

    /** A fixed random pixel permutation. */
    public static InputChange permutation() {
        return new InputChange(Kind.PERMUTATION, 0, 0);
    }

    /** Rotation by {@code degrees} counter-clockwise. */
    public static InputChange rotation(double degrees) {
        return new InputChange(Kind.ROTATION, 0, degrees);
    }

    /** In words, for the manifest. */
    public String describe() {
        return switch (kind) {
            case NONE -> "none";
            case NOISE -> String.format(Locale.ROOT, "additive Gaussian noise with standard deviation %s "
                    + "(standardised units)", noiseStd);
            case PERMUTATION -> "a fixed random permutation of the input features";
            case ROTATION -> String.format(Locale.ROOT, "rotation by %s degrees counter-clockwise", rotationDegrees);
        };
    }
}
