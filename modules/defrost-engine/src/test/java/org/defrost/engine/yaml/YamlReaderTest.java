package org.defrost.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader();

    private static YamlSyntaxException refused(YamlReader r, String text) {
        return assertThrows(YamlSyntaxException.class, () -> r.parse(text));
    }

    @Test
    void scalarsKeepTheirYamlTypes() throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) reader.parse("""
                count: 5
                rate: 1e-3
                on: true
                off: false
                nothing: null
                quoted: "5"
                word: erf
                """);
        Map<String, Object> plain = Map.of("count", 5L, "rate", 0.001, "on", true, "off", false, "quoted", "5",
                "word", "erf");
        plain.forEach((k, v) -> assertEquals(v, ((YamlNode.Scalar) m.entries().get(k)).value(), k));
        assertEquals(null, ((YamlNode.Scalar) m.entries().get("nothing")).value());
        assertEquals(List.of("count", "rate", "on", "off", "nothing", "quoted", "word"), List.copyOf(m.entries().keySet()));
    }

    @Test
    void keysAndValuesKnowTheirLineAndColumn() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) reader.parse("""
                pipeline: x
                stages:
                  - id: a
                    with: { sizes: [10, 20] }
                """);
        assertEquals(new Location(2, 1), root.keyLocation("stages"));
        YamlNode.Mapping stage = (YamlNode.Mapping) ((YamlNode.Sequence) root.entries().get("stages")).items().get(0);
        assertEquals(new Location(3, 5), stage.keyLocation("id"));
        assertEquals(new Location(4, 5), stage.keyLocation("with"));
        YamlNode.Sequence sizes = (YamlNode.Sequence) ((YamlNode.Mapping) stage.entries().get("with")).entries().get("sizes");
        assertEquals(new Location(4, 25), sizes.items().get(1).location());
        assertEquals(stage.location(), stage.keyLocation("absent"), "an absent key points at its mapping");
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLine() {
        YamlSyntaxException e = refused(reader, "pipeline: x\nstages:\n  - id: a\n    uses: [emit\n");
        assertTrue(e.location().line() >= 4, e.location().toString());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aDuplicateKeyIsAnErrorAtTheSecondOneNamingTheFirst() {
        YamlSyntaxException e = refused(reader, "pipeline: x\nseed: 1\nseed: 2\n");
        assertEquals(new Location(3, 1), e.location());
        assertEquals("duplicate key 'seed' (first at line 2)", e.getMessage());
    }

    @Test
    void nestingBeyondTheLimitIsReportedWhereItGoesTooDeep() {
        YamlReader shallow = new YamlReader(YamlReader.DEFAULT_MAX_CHARS, 2);
        YamlSyntaxException e = refused(shallow, "a:\n  b:\n    c:\n      d: 1\n");
        assertEquals("nesting deeper than 2 levels", e.getMessage());
        assertEquals(4, e.location().line());
    }

    @Test
    void documentsLargerThanTheLimitAreRefusedBeforeParsing() {
        YamlSyntaxException e = refused(new YamlReader(10, 40), "a: [" + "1, ".repeat(10) + "1]");
        assertEquals(Location.START, e.location());
        assertEquals("document has 36 characters; the limit is 10", e.getMessage());
    }

    @Test
    void textWithNulCharactersIsNotAYamlFile() {
        assertEquals("not a text file (contains NUL characters)", refused(reader, "a: 1\0").getMessage());
    }

    @Test
    void aliasesAreRefusedAtTheirUseInsteadOfSilentlyBecomingTheAnchorName() {
        YamlSyntaxException e = refused(reader, "base: &b 5\ncopy: *b\n");
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().startsWith("YAML aliases (*b) are not supported"), e.getMessage());
    }

    @Test
    void aSecondDocumentIsRefused() {
        YamlSyntaxException e = refused(reader, "a: 1\n---\nb: 2\n");
        assertEquals("more than one YAML document in the file", e.getMessage());
        assertEquals(3, e.location().line());
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() throws Exception {
        for (String empty : List.of("", "# only a comment\n")) {
            YamlNode root = reader.parse(empty);
            assertTrue(root instanceof YamlNode.Mapping m && m.entries().isEmpty(), Arrays.toString(empty.toCharArray()));
        }
    }
}
