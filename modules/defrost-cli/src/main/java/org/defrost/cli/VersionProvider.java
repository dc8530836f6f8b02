package org.defrost.cli;

import org.defrost.engine.run.Versions;
import picocli.CommandLine;

/** Prints the defrost and Java versions for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"defrost " + Versions.defrost(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
