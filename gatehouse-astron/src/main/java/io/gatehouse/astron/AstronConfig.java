package io.gatehouse.astron;

import io.gatehouse.astron.database.DatabaseConfig;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code astron} section of the config file, as far as the front is built: the Message
 * Director's listener, the DC files and the State Server's control channel. The Client Agent
 * keys ({@code bind} is reserved for it) come with the Client Agent.
 *
 * @param bind               the Client Agent's listener (not served yet)
 * @param mdBind             the Message Director's listener, for AI and UberDOG processes
 * @param dcFiles            DC files, read in order as one set
 * @param stateServerChannel the State Server's control channel
 * @param database           the Database Server, whose objects live in the core's store
 */
public record AstronConfig(boolean enabled, HostPort bind, HostPort mdBind, List<Path> dcFiles, long stateServerChannel,
                           DatabaseConfig database) {

    public static AstronConfig defaults() {
        return new AstronConfig(false, new HostPort("0.0.0.0", 7198), new HostPort("127.0.0.1", 7199), List.of(), 402_000,
                DatabaseConfig.defaults());
    }
}
