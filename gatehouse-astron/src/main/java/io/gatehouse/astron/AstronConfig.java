package io.gatehouse.astron;

import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.clientagent.Uberdog;
import io.gatehouse.astron.database.DatabaseServerConfig;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.dc.DcSyntaxException;
import io.gatehouse.astron.eventlog.EventLogConfig;
import io.gatehouse.astron.md.MdLinkConfig;
import io.gatehouse.astron.stateserver.DbStateServerConfig;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param dbss               the database-backed State Servers (from an astrond config's {@code dbss} roles)
 * @param database           the Database Server, whose objects live in the core's store
 * @param events             the event loggers this node runs and where its roles send events (section 14)
 */
public record AstronConfig(boolean enabled, List<ClientAgentConfig> clientAgents, HostPort mdBind, MdLinkConfig mdLinks,
                           List<Path> dcFiles, List<Uberdog> uberdogs, List<Long> stateServers, List<DbStateServerConfig> dbss,
                           DatabaseServerConfig database, EventLogConfig events)
        implements FrontConfig {

    public AstronConfig {
        clientAgents = List.copyOf(clientAgents);
        dcFiles = List.copyOf(dcFiles);
        uberdogs = List.copyOf(uberdogs);
        stateServers = List.copyOf(stateServers);
        dbss = List.copyOf(dbss);
    }

    @Override
    public String name() {
        return AstronModule.NAME;
    }

    /** The DC files parse, every UberDOG's class is in them, every Client Agent's TLS files make a context. */
    @Override
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        try {
            DcFile dc = DcParser.read(dcFiles);
            for (Uberdog u : uberdogs) {
                if (dc.classByName(u.className()) == null) {
                    problems.add("astron.uberdogs: UberDOG " + u.id() + ": no dclass named '" + u.className() + "' in the DC files");
                }
            }
        } catch (DcSyntaxException e) {
            problems.add("astron.dc_files: " + e.getMessage());
        }
        for (ClientAgentConfig ca : clientAgents) {
            if (ca.tls() != null) {
                try {
                    ca.tls().context();
                } catch (IllegalArgumentException e) {
                    problems.add("astron." + e.getMessage());
                }
            }
        }
        return problems;
    }

    @Override
    public Front start(CoreServices core) throws InterruptedException {
        return AstronFront.start(this, core);
    }

    public static AstronConfig defaults() {
        return new AstronConfig(false, List.of(ClientAgentConfig.defaults()), new HostPort("127.0.0.1", 7199), MdLinkConfig.defaults(),
                List.of(), List.of(), List.of(402_000L), List.of(), DatabaseServerConfig.defaults(), EventLogConfig.off());
    }
}
