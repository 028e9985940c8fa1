package io.gatehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every benchmark writes its results under a {@code target/} folder by default, never into the project's root. */
class ResultFilesTest {

    @Test
    void everyBenchmarksDefaultResultsFileIsUnderTarget() {
        CommandLine bench = new CommandLine(new Bench());
        List<String> checked = new ArrayList<>();
        bench.getSubcommands().forEach((name, sub) -> {
            OptionSpec json = sub.getCommandSpec().findOption("--json");
            if (json != null) {
                Path file = json.getValue();
                assertThat(file).as(name + " --json").isNotNull();
                assertThat(file.toString()).as(name + " --json default").contains("target" + java.io.File.separator);
                checked.add(name);
            }
        });
        assertThat(checked).as("benchmarks with a results file").hasSizeGreaterThanOrEqualTo(10);
    }
}
