package org.defrost.similarity.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.defrost.similarity.Oracles;
import org.defrost.similarity.Representation;
import org.defrost.similarity.TestMatrices;
import org.junit.jupiter.api.Test;

class NeighbourTableTest {

    /**
     * Small integer coordinates, each point followed by its mirror image so that every column mean is
     * exactly zero: centring leaves the values unchanged, the Gram trick is exact on them, and many
     * distances tie exactly.
     */
    private static double[][] latticePoints(long seed, int n, int p) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i += 2) {
            for (int c = 0; c < p; c++) {
                x[i][c] = random.nextInt(-2, 3);
                x[i + 1][c] = -x[i][c];
            }
        }
        return x;
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @Test
    void neighbourListsFollowDistanceThenRowOrderWithManyTies() {
        double[][] x = latticePoints(1, 40, 2);
        int[][] expected = Oracles.neighbourOrder(x);
        for (int k : new int[] {1, 3, 39}) {
            NeighbourTable t = NeighbourTable.build(TestMatrices.representation("A", x), allRows(40), k, false);
            for (int i = 0; i < 40; i++) {
                int[] got = new int[k];
                for (int m = 0; m < k; m++) {
                    got[m] = t.neighbour(i, m);
                }
                assertArrayEquals(java.util.Arrays.copyOf(expected[i], k), got, "point " + i + ", k = " + k);
            }
        }
    }

    @Test
    void rankOfEverySingleTargetIsItsPositionInTheFullNeighbourOrder() {
        double[][] x = latticePoints(4, 30, 2);
        int[][] order = Oracles.neighbourOrder(x);
        NeighbourTable t = NeighbourTable.build(TestMatrices.representation("A", x), allRows(30), 1, true);
        int[] rank = new int[1];
        for (int i = 0; i < 30; i++) {
            for (int position = 0; position < 29; position++) {
                t.rankAmongNeighbours(i, new int[] {order[i][position]}, 1, rank);
                assertEquals(position + 1, rank[0], "point " + i + ", target " + order[i][position]);
            }
        }
    }

    @Test
    void ranksOfAnyTargetsAreTheirPositionsInTheFullNeighbourOrder() {
        double[][] x = latticePoints(2, 30, 3);
        int[][] order = Oracles.neighbourOrder(x);
        NeighbourTable t = NeighbourTable.build(TestMatrices.representation("A", x), allRows(30), 1, true);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            int count = 1 + random.nextInt(12);
            int[] targets = new int[count];
            int[] shuffled = order[i].clone();
            for (int s = 0; s < count; s++) {
                int j = s + random.nextInt(shuffled.length - s);
                int tmp = shuffled[s];
                shuffled[s] = shuffled[j];
                shuffled[j] = tmp;
                targets[s] = shuffled[s];
            }
            int[] ranks = new int[count];
            t.rankAmongNeighbours(i, targets, count, ranks);
            for (int s = 0; s < count; s++) {
                int position = 0;
                while (order[i][position] != targets[s]) {
                    position++;
                }
                assertEquals(position + 1, ranks[s], "point " + i + ", target " + targets[s]);
            }
        }
    }

    @Test
    void subsetTablesUseSubsetLocalIndicesAndExactNearestDistances() {
        double[][] x = TestMatrices.gaussian(4, 50, 3);
        int[] rows = {2, 5, 11, 12, 30, 31, 47};
        double[][] sub = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sub[i] = x[rows[i]];
        }
        int[][] expected = Oracles.neighbourOrder(sub);
        Representation r = TestMatrices.representation("A", x);
        NeighbourTable t = NeighbourTable.build(r, rows, 2, false);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(expected[i][0], t.neighbour(i, 0));
            assertEquals(expected[i][1], t.neighbour(i, 1));
            assertEquals(Math.sqrt(Oracles.squaredDistance(sub[i], sub[expected[i][0]])), t.firstDistance(i), 1e-15);
            assertEquals(Math.sqrt(Oracles.squaredDistance(sub[i], sub[expected[i][1]])), t.secondDistance(i), 1e-15);
        }
    }
}
