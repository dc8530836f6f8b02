package org.defrost.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean" for every place that looks a name up (stage types, pipeline keys, parameters, similarity
 * measures): the closest known name by edit distance, if close enough to be a typo.
 */
public final class NearestName {
    private NearestName() {
    }

    /**
     * The candidate nearest to {@code word}, ignoring case, when within a third of its length in edits (at least 2);
     * the first of equally near ones.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase();
        int limit = Math.max(2, word.length() / 3);
        return candidates.stream()
                .filter(c -> editDistance(w, c.toLowerCase()) <= limit)
                .min(Comparator.comparingInt(c -> editDistance(w, c.toLowerCase())));
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions of one character. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
