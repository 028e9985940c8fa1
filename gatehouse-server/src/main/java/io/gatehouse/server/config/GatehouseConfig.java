package io.gatehouse.server.config;

import io.gatehouse.astron.AstronConfig;
import io.gatehouse.marauroa.MarauroaConfig;
import io.gatehouse.control.ControlConfig;
import io.gatehouse.vcmi.VcmiConfig;
import java.nio.file.Path;

/** The whole config file, validated. Every section has its defaults in {@link ConfigLoader}. */
public record GatehouseConfig(Path dataDir, DatabaseConfig database, HttpConfig http, AccountsConfig accounts,
                              ControlConfig control, AstronConfig astron, MarauroaConfig marauroa, VcmiConfig vcmi, LimitsConfig limits) {
}
