package io.gatehouse.server.config;

import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.limits.LimitsConfig;
import io.gatehouse.core.session.SessionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole config file, validated: the core's sections and one config per front, in the
 * order of {@link FrontModules#ALL}. Every core section has its defaults in {@link ConfigLoader};
 * every front's, in its module.
 *
 * @param source where it was read from, for the problems found later by {@link #check()}
 */
public record GatehouseConfig(String source, Path dataDir, DatabaseConfig database, HttpConfig http, AccountsConfig accounts,
                              LimitsConfig limits, ClusterConfig cluster, List<FrontConfig> fronts) {

    public GatehouseConfig {
        fronts = List.copyOf(fronts);
    }

    /** The front config of that type; an IllegalArgumentException when there is none. */
    public <T extends FrontConfig> T front(Class<T> type) {
        return fronts.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no front config of type " + type.getSimpleName()));
    }

    /** The session policy the front holding its keys gives, or the defaults. */
    public SessionPolicy sessionPolicy() {
        return fronts.stream().flatMap(f -> f.sessionPolicy().stream()).findFirst().orElse(SessionPolicy.DEFAULTS);
    }

    /** What the enabled fronts need from files and the class path: every problem, none bound (see {@link FrontConfig#check()}). */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (FrontConfig f : fronts) {
            if (f.enabled()) {
                problems.addAll(f.check());
            }
        }
        return problems;
    }

    /** The same config with {@code replacement} in place of the front of the same name. */
    public GatehouseConfig withFront(FrontConfig replacement) {
        List<FrontConfig> out = fronts.stream().map(f -> f.name().equals(replacement.name()) ? replacement : f).toList();
        return new GatehouseConfig(source, dataDir, database, http, accounts, limits, cluster, out);
    }

    public GatehouseConfig withDataDir(Path dir) {
        return new GatehouseConfig(source, dir, database, http, accounts, limits, cluster, fronts);
    }
}
