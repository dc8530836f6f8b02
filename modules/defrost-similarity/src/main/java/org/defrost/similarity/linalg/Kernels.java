package org.defrost.similarity.linalg;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the micro-kernel for this processor: 512-bit or 256-bit vectors when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the scalar kernel otherwise. The vector kernels are created
 * by reflection so that their classes, which link against the incubator module, are never loaded
 * without it.
 */
final class Kernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final MicroKernel BEST = choose();

    private Kernels() {
    }

    /** The fastest kernel available in this JVM. */
    static MicroKernel best() {
        return BEST;
    }

    /** Every kernel this JVM can run, scalar first; the vector ones only with the vector module. */
    static List<MicroKernel> available() {
        List<MicroKernel> kernels = new ArrayList<>();
        kernels.add(new ScalarKernel());
        if (vectorModulePresent()) {
            kernels.add(create("Vector256Kernel"));
            kernels.add(create("Vector512Kernel"));
        }
        return kernels;
    }

    private static MicroKernel choose() {
        if (!vectorModulePresent()) {
            return new ScalarKernel();
        }
        int bits = preferredVectorBits();
        if (bits >= 512) {
            return create("Vector512Kernel");
        }
        // Emulated wider vectors are far slower than scalar code, so use vectors only where they are native.
        return bits >= 256 ? create("Vector256Kernel") : new ScalarKernel();
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static int preferredVectorBits() {
        try {
            Class<?> shape = Class.forName(Kernels.class.getPackageName() + ".VectorShape");
            return (int) shape.getDeclaredMethod("preferredBits").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }

    private static MicroKernel create(String simpleName) {
        try {
            Class<?> k = Class.forName(Kernels.class.getPackageName() + "." + simpleName);
            return (MicroKernel) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create micro-kernel " + simpleName, e);
        }
    }
}
