package org.defrost.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written here load in numpy with the right dtype, shape and values, and numpy's own files load
 * here. Needs Debian's python3-numpy (installed by .ci/run); skipped where numpy is absent.
 */
class NumpyCompatibilityTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void numpyLoadsWhatWeWriteWithDtypeShapeAndValues() throws Exception {
        assumeTrue(numpyAvailable(), "python3-numpy is not installed");
        Npy.write(dir.resolve("f.npy"), new float[] {1.5f, 2, 3, 4, 5, 6}, 2, 3);
        Npy.write(dir.resolve("d.npy"), new double[] {0.1, 0.2}, 2);
        Npy.write(dir.resolve("i.npy"), new int[] {7, -8, 9}, 3, 1);
        Npy.write(dir.resolve("e.npy"), new float[0], 0, 4);
        String out = python("import numpy as np\n"
                + "for n in 'fdie':\n"
                + "    a = np.load('" + dir + "/' + n + '.npy')\n"
                + "    print(n, a.dtype, a.shape, a.ravel().tolist())\n");
        assertEquals(String.join("\n",
                "f float32 (2, 3) [1.5, 2.0, 3.0, 4.0, 5.0, 6.0]",
                "d float64 (2,) [0.1, 0.2]",
                "i int32 (3, 1) [7, -8, 9]",
                "e float32 (0, 4) []"), out);
    }

    @Test
    void weReadWhatNumpyWrites() throws Exception {
        assumeTrue(numpyAvailable(), "python3-numpy is not installed");
        python("import numpy as np\n"
                + "np.save('" + dir + "/a.npy', np.asfortranarray(np.arange(6, dtype='>f8').reshape(2, 3)))\n"
                + "np.save('" + dir + "/b.npy', np.array([True, False]))\n"
                + "np.save('" + dir + "/c.npy', np.arange(4, dtype=np.int64).reshape(2, 2))\n");
        NpyArray a = Npy.read(dir.resolve("a.npy"));
        assertEquals("[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]", java.util.Arrays.toString(a.asDoubles()));
        assertEquals("[1, 0]", java.util.Arrays.toString(Npy.read(dir.resolve("b.npy")).asInts()));
        assertEquals("[0, 1, 2, 3]", java.util.Arrays.toString(Npy.read(dir.resolve("c.npy")).asInts()));
    }
}
