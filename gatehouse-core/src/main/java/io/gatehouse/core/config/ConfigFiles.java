package io.gatehouse.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Config files as YAML trees: an unreadable file or invalid YAML is one {@link ConfigException}. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /** The YAML tree of a file (an empty file is an empty tree). */
    public static JsonNode readYaml(Path file) {
        try {
            return parseYaml(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** The YAML tree of a text, named {@code source} in problems (an empty text is an empty tree). */
    public static JsonNode parseYaml(String yaml, String source) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())));
        }
        return tree == null ? MissingNode.getInstance() : tree;
    }
}
