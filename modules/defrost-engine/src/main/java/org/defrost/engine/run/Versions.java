package org.defrost.engine.run;

/** Software versions recorded in provenance. */
public final class Versions {
    private Versions() {
    }

    /** The defrost version from the jar manifest, or {@code development} when run from classes. */
    public static String defrost() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
