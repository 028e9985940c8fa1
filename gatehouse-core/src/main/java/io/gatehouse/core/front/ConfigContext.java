package io.gatehouse.core.front;

import io.gatehouse.core.limits.LimitsConfig;
import java.nio.file.Path;

/**
 * What a front's config reader needs beyond its own section.
 *
 * @param base   the folder relative paths resolve against (the config file's)
 * @param limits the {@code limits} section every per-address limit shares
 * @param clustered whether {@code cluster.nats} is set: the node shares its bus with others
 */
public record ConfigContext(Path base, LimitsConfig limits, boolean clustered) {
}
