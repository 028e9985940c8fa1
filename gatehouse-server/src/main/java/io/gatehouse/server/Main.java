package io.gatehouse.server;

import io.gatehouse.astron.config.AstrondConfigFile;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.core.time.SystemScheduler;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: {@code gatehouse serve [--config FILE]}, {@code gatehouse astrond CONFIG},
 * {@code gatehouse check-config}.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Multiplayer game gateway server.",
        footer = {"", "The ./gatehouse launcher also runs: test (the whole suite), bench SCENARIO (benchmarks),",
                "fuzz TARGET [--minutes N] (one fuzz target, its corpus kept in the repo), fuzz --list."},
        subcommands = {Main.Serve.class, Main.Astrond.class, Main.CheckConfig.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static GatehouseConfig load(Path file) {
        return file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
    }

    @Command(name = "serve", description = "Run every enabled front until stopped (SIGTERM or Ctrl-C).")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: built-in defaults)")
        Path config;

        @Override
        public Integer call() throws Exception {
            GatehouseConfig c;
            try {
                c = load(config);
            } catch (ConfigException e) {
                System.err.println("gatehouse: " + e.getMessage());
                return 2;
            }
            return run(c);
        }
    }

    @Command(name = "astrond", description = "Run the roles of an astrond config file (clientagent, stateserver, database), "
            + "as astrond would, until stopped.")
    static final class Astrond implements Callable<Integer> {

        @Parameters(paramLabel = "CONFIG", description = "astrond's YAML config file")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where Gatehouse keeps its database (default: ./data)")
        Path dataDir = Path.of("data");

        @Override
        public Integer call() throws Exception {
            GatehouseConfig c;
            try {
                c = ConfigLoader.only(AstrondConfigFile.load(config), dataDir.toAbsolutePath().normalize());
            } catch (ConfigException e) {
                System.err.println("gatehouse: " + e.getMessage());
                return 2;
            }
            return run(c);
        }
    }

    /** Starts the server and runs until the process is told to stop. */
    static int run(GatehouseConfig c) throws InterruptedException {
        SystemScheduler scheduler = new SystemScheduler();
        Gatehouse g;
        try {
            g = Gatehouse.start(c, scheduler);
        } catch (ConfigException e) {
            System.err.println("gatehouse: " + e.getMessage());
            scheduler.close();
            return 2;
        } catch (RuntimeException e) {
            System.err.println("gatehouse: could not start: " + e.getMessage());
            scheduler.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            g.close();
            scheduler.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse: data in " + c.dataDir());
        g.listening().forEach(line -> System.out.println("gatehouse: " + line));
        if (c.http().enabled() && c.http().adminKey().isEmpty()) {
            System.out.println("gatehouse: admin key in " + c.dataDir().resolve("admin.key"));
        }
        stopped.await();
        return 0;
    }

    @Command(name = "check-config", description = "Validate a config file and what its fronts need (DC files, game classes, "
            + "TLS files), and print every problem.")
    static final class CheckConfig implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", required = true)
        Path config;

        @Override
        public Integer call() {
            try {
                GatehouseConfig c = load(config);
                List<String> problems = c.check();
                if (!problems.isEmpty()) {
                    throw new ConfigException(config.toString(), problems);
                }
                System.out.println(config + ": ok");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
