package org.defrost.service;

import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.engine.yaml.YamlReader;
import org.defrost.engine.yaml.YamlSyntaxException;

/** Where each stage of a valid pipeline file stands, for messages that concern a whole stage. */
final class StageLocations {
    private StageLocations() {
    }

    /**
     * The location of the {@code uses:} key of stage {@code index} in {@code text} (a pipeline that passed
     * validation), or the start of the file when it cannot be found.
     */
    static Location of(String text, int index) {
        try {
            if (new YamlReader().parse(text) instanceof YamlNode.Mapping top
                    && top.entries().get("stages") instanceof YamlNode.Sequence stages
                    && index >= 0 && index < stages.items().size()
                    && stages.items().get(index) instanceof YamlNode.Mapping stage) {
                return stage.keyLocation("uses");
            }
        } catch (YamlSyntaxException e) {
            // a validated pipeline parses; fall through to the start of the file
        }
        return Location.START;
    }
}
