package org.defrost.engine.pipeline;

import java.util.Collection;
import java.util.Optional;
import org.defrost.spi.NearestName;

/** "Did you mean" hints of pipeline problems, by {@link NearestName}. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate nearest to {@code word}, when within a third of its length (at least 2 edits). */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        return NearestName.closest(word, candidates);
    }

    /** {@code "; did you mean 'x'?"} or the empty string. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }
}
