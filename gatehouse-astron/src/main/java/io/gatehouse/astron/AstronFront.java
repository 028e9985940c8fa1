package io.gatehouse.astron;

import io.gatehouse.astron.clientagent.ClientAgent;
import io.gatehouse.astron.clientagent.ClientAgentConfig;
import io.gatehouse.astron.database.DatabaseServer;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.dc.DcSyntaxException;
import io.gatehouse.astron.eventlog.EventLogger;
import io.gatehouse.astron.eventlog.EventLoggerConfig;
import io.gatehouse.astron.eventlog.EventSender;
import io.gatehouse.astron.eventlog.UdpEventSender;
import io.gatehouse.astron.md.MdLinks;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MdUpstream;
import io.gatehouse.astron.md.MdWarmUp;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.md.PostRemoveCopies;
import io.gatehouse.astron.stateserver.DbStateServer;
import io.gatehouse.astron.stateserver.DbStateServerConfig;
import io.gatehouse.astron.stateserver.ObjectStatus;
import io.gatehouse.astron.stateserver.StateServer;
import io.gatehouse.core.cluster.Claims;
import io.gatehouse.core.cluster.Will;
import io.gatehouse.core.cluster.Wills;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.Listener;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.objects.ObjectStore;
import io.gatehouse.core.session.SessionDirectory;
import io.gatehouse.core.time.Cancellable;
import io.gatehouse.core.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The {@code astron} front (docs/protocol/astron.md): the DC files, the Message Director on
 * {@code md_bind} (its channels on the core's bus), a State Server on its control channel, the DBSSs of an astrond config, a Database Server keeping its
 * objects in the core's store, the Client Agent on {@code bind} for game clients, and the event
 * loggers, with the sender its roles' events go out by (section 14). Its
 * meters are {@code front="astron"} for the Client Agents' clients and
 * {@code front="astron_md"} for the Message Director's links.
 */
public final class AstronFront implements Front {

    private final AstronConfig config;
    private final MessageDirector md;
    private final DcFile dc;
    private final MdListener listener;
    private final DatabaseServer database;
    private final List<ClientAgent> clientAgents = new ArrayList<>();
    private final List<StateServer> stateServers = new ArrayList<>();
    private final List<EventLogger> eventLoggers = new ArrayList<>();
    private EventSender events = EventSender.NONE;
    /** Sending what gone nodes left (section 3.5), called off before the director closes. */
    private Cancellable servingWills = Cancellable.NONE;
    private boolean stopped;

    /** Starts the roles on the core's services, the Database Server's objects in the core's store. */
    static AstronFront start(AstronConfig config, CoreServices core) throws InterruptedException {
        claimChannels(config, core.claims());
        return new AstronFront(config, core.bus(), core.wills(), new ObjectStore(core.database(), AstronModule.NAME), core.meters(),
                core.scheduler(), core.sessions(), core.io());
    }

    /**
     * Reads the DC files (a syntax error throws {@link DcSyntaxException}
     * naming file, line and column; {@link AstronConfig#check()} finds it before) and starts the
     * roles; an UberDOG whose class the DC files lack is an {@link IllegalArgumentException}.
     */
    private AstronFront(AstronConfig config, Bus bus, Wills wills, ObjectStore objects, MeterRegistry meters, Scheduler scheduler,
                        SessionDirectory sessions, EventLoopGroup group)
            throws InterruptedException {
        this.config = config;
        this.md = new MessageDirector(bus, PostRemoveCopies.of(wills));
        joinUpstream(md, config);
        this.dc = DcParser.read(config.dcFiles());
        FrontMetrics cluster = new FrontMetrics(meters, "astron_md");
        try {
            for (EventLoggerConfig el : config.events().loggers()) {
                eventLoggers.add(new EventLogger(el, scheduler, ZoneId.systemDefault(),
                        cluster.clientFaults(LoggerFactory.getLogger(EventLogger.class), scheduler::nowMillis)));
            }
            if (config.events().sendTo().isPresent()) {
                events = UdpEventSender.open(config.events().sendTo().get(), group, meters);
            }
        } catch (RuntimeException | InterruptedException e) {
            closeRoles();
            throw e;
        }
        for (long channel : config.stateServers()) {
            stateServers.add(new StateServer(md, dc, channel, cluster.clientFaults(LoggerFactory.getLogger(StateServer.class), scheduler::nowMillis)));
        }
        for (DbStateServerConfig dbss : config.dbss()) {
            new DbStateServer(md, dc, dbss, cluster.clientFaults(LoggerFactory.getLogger(DbStateServer.class), scheduler::nowMillis));
        }
        this.database = config.database().enabled() ? new DatabaseServer(md, dc, objects, config.database(),
                cluster.clientFaults(LoggerFactory.getLogger(DatabaseServer.class), scheduler::nowMillis)) : null;
        MdListener l;
        try {
            // before any link: what this node's earlier run left, and gone nodes' (section 3.5)
            servingWills = wills.serve(PostRemoveCopies.FRONT, this::sendLeftBehind);
            MdWarmUp.run(scheduler);
            l = new MdListener(md, config.mdBind(), new MdLinks(config.mdLinks(), scheduler, cluster, events));
        } catch (RuntimeException | InterruptedException e) {
            closeRoles();
            throw e;
        }
        this.listener = l;
        try {
            FrontMetrics metrics = new FrontMetrics(meters, "astron");
            for (ClientAgentConfig ca : config.clientAgents()) {
                clientAgents.add(new ClientAgent(md, dc, ca, config.uberdogs(), metrics, scheduler, sessions, group, events));
            }
        } catch (RuntimeException | InterruptedException e) {
            stop(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Claims this node's State Server and Database Server channels in the cluster before any
     * role starts: a channel another node serves already stops the start, since both would
     * answer every message to it (docs/protocol/astron.md, section 12).
     */
    private static void claimChannels(AstronConfig config, Claims claims) {
        for (long channel : config.stateServers()) {
            claim(claims, "stateserver", "State Server", channel);
        }
        if (config.database().enabled()) {
            claim(claims, "database", "Database Server", config.database().channel());
        }
    }

    private static void claim(Claims claims, String role, String named, long channel) {
        claims.claim("astron." + role + "." + channel).ifPresent(node -> {
            throw new IllegalStateException("astron: the " + named + " channel " + channel + " is served by node " + node
                    + " already; two nodes serving one channel would both answer every message to it");
        });
    }

    /**
     * Joins the upstream Message Director, if the config names one, before any role subscribes
     * (docs/protocol/astron.md, section 3.4). Losing it later ends the process with status 1, as
     * astrond ends; the shutdown hook then stops the server as for any stop.
     */
    private static void joinUpstream(MessageDirector md, AstronConfig config) throws InterruptedException {
        if (config.mdLinks().upstream() == null) {
            return;
        }
        try {
            MdUpstream.connect(md, config.mdLinks().upstream(), config.mdLinks().maxOutboundBytes(),
                    () -> new Thread(() -> System.exit(1), "astron-upstream-lost").start());
        } catch (RuntimeException | InterruptedException e) {
            md.close();
            throw e;
        }
    }

    /** Routes the post-removes a gone node's participants left, from no participant, in the order they were added. */
    private void sendLeftBehind(List<Will> left) {
        for (Will w : left) {
            md.route(null, Unpooled.wrappedBuffer(w.body()));
        }
    }

    /** The Client Agents, in the order of the config. */
    public List<ClientAgent> clientAgents() {
        return clientAgents;
    }

    /** The first Client Agent (the one of Gatehouse's own config). */
    public ClientAgent clientAgent() {
        return clientAgents.get(0);
    }

    /**
     * The objects every State Server holds, read on the Message Director's routing thread; the
     * answer, later (never, once the director has stopped: callers bound their wait).
     */
    public CompletableFuture<List<ObjectStatus>> objects() {
        CompletableFuture<List<ObjectStatus>> f = new CompletableFuture<>();
        md.execute(() -> f.complete(stateServers.stream().flatMap(s -> s.status().stream()).toList()));
        return f;
    }

    public DcFile dc() {
        return dc;
    }

    public InetSocketAddress mdAddress() {
        return listener.address();
    }

    @Override
    public String name() {
        return AstronModule.NAME;
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (int i = 0; i < clientAgents.size(); i++) {
            ClientAgentConfig ca = config.clientAgents().get(i);
            ClientAgent agent = clientAgents.get(i);
            out.add(new Listener(AstronModule.NAME, "tcp", agent.address(), Listener.hostPort(ca.bind().host(), agent.address())
                    + "  (Client Agent, version " + ca.version() + ")"));
            if (agent.websocketAddress() != null) {
                out.add(new Listener(AstronModule.NAME, "ws", agent.websocketAddress(),
                        "ws://" + Listener.hostPort(ca.websocket().host(), agent.websocketAddress()) + ca.websocketPath()));
            }
        }
        out.add(new Listener(AstronModule.NAME, "md", mdAddress(), Listener.hostPort(config.mdBind().host(), mdAddress())
                + "  (Message Director; State Servers " + config.stateServers()
                + (config.mdLinks().upstream() == null ? "" : "; upstream " + config.mdLinks().upstream()) + ")"));
        for (DbStateServerConfig dbss : config.dbss()) {
            out.add(new Listener(AstronModule.NAME, "dbss", null, "objects " + dbss.ranges().stream().map(r -> r.min() + "-" + r.max()).toList()
                    + "  (DBSS; database channel " + dbss.database() + ")"));
        }
        if (database != null) {
            out.add(new Listener(AstronModule.NAME, "db", null, "channel " + config.database().channel()
                    + "  (Database Server; objects in Gatehouse's store)"));
        }
        for (int i = 0; i < eventLoggers.size(); i++) {
            EventLoggerConfig el = config.events().loggers().get(i);
            out.add(new Listener(AstronModule.NAME, "udp", eventLoggers.get(i).address(), Listener.hostPort(el.bind().host(), eventLoggers.get(i).address())
                    + "  (event logger, file " + el.output() + ")"));
        }
        return out;
    }

    /** Closes the Client Agents (their clients' connections), the Message Director's links, then the roles. */
    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        clientAgents.forEach(ClientAgent::close);
        if (listener != null) {
            listener.close();
        }
        closeRoles();
    }

    private void closeRoles() {
        servingWills.cancel();
        if (database != null) {
            database.close();
        }
        md.close();
        events.close();
        eventLoggers.forEach(EventLogger::close);
    }
}
