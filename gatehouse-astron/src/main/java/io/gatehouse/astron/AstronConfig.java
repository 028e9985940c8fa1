package io.gatehouse.astron;

import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code astron} section of the config file: the Client Agent, the Message Director's
 * listener, the DC files, the UberDOGs, the State Server's control channel and the Database
 * Server (docs/protocol/astron.md, section 12).
 *
 * @param enabled            whether the front runs
 * @param clientAgents       the Client Agents, each with its own listener (one from Gatehouse's
 *                           config; one per role from an astrond config)
 * @param mdBind             the Message Director's listener, for AI and UberDOG processes
 * @param mdLinks            the limits of every link to the Message Director
 * @param dcFiles            DC files, read in order as one set
 * @param uberdogs           objects every client may address without seeing them
 * @param stateServers       the State Servers' control channels
 * @param database           the Database Server, whose objects live in the core's store
 */
public record AstronConfig(boolean enabled, List<ClientAgentConfig> clientAgents, HostPort mdBind, MdLinkConfig mdLinks,
                           List<Path> dcFiles, List<Uberdog> uberdogs, List<Long> stateServers, DatabaseServerConfig database) {

    public AstronConfig {
        clientAgents = List.copyOf(clientAgents);
        dcFiles = List.copyOf(dcFiles);
        uberdogs = List.copyOf(uberdogs);
        stateServers = List.copyOf(stateServers);
    }

    public static AstronConfig defaults() {
        return new AstronConfig(false, List.of(ClientAgentConfig.defaults()), new HostPort("127.0.0.1", 7199), MdLinkConfig.defaults(),
                List.of(), List.of(), List.of(402_000L), DatabaseServerConfig.defaults());
    }
}
