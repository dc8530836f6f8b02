package org.defrost.kernels;

/**
 * The one decision whether the kernels run on the Vector API: yes when the {@code jdk.incubator.vector}
 * module is present at run time, unless the system property {@code defrost.kernels=plain|vector} forces
 * one. Both {@link FloatGemm} and {@link DoubleProducts} follow it. Vector kernel classes are loaded by name
 * through {@link #create}, so that the plain path never links the incubator module.
 */
final class VectorSupport {
    static final String PROPERTY = "defrost.kernels";
    private static final String MODULE = "jdk.incubator.vector";
    /** Whether the vector kernels run in this JVM. */
    static final boolean ENABLED = enabled(System.getProperty(PROPERTY));
    /** Width of the processor's preferred vectors in bits; 0 when the vector kernels do not run. */
    static final int BITS = ENABLED ? preferredBits() : 0;

    private VectorSupport() {
    }

    /** Whether a {@code defrost.kernels} value (null or blank: automatic) selects the vector kernels. */
    static boolean enabled(String forced) {
        boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
        if (forced == null || forced.isBlank()) {
            return present;
        }
        switch (forced.trim()) {
            case "plain":
                return false;
            case "vector":
                if (!present) {
                    throw new IllegalStateException(PROPERTY + "=vector needs the JVM option --add-modules " + MODULE);
                }
                return true;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be plain or vector, got '" + forced + "'");
        }
    }

    /** A new instance of the package's class {@code simpleName}, which may link the incubator module. */
    static <T> T create(String simpleName, Class<T> type) {
        try {
            return type.cast(Class.forName(VectorSupport.class.getPackageName() + "." + simpleName)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Vector API kernel " + simpleName, e);
        }
    }

    private static int preferredBits() {
        try {
            Object shape = Class.forName(MODULE + ".VectorShape").getMethod("preferredShape").invoke(null);
            return (int) shape.getClass().getMethod("vectorBitSize").invoke(shape);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }
}
