package io.gatehouse.astron;

import io.gatehouse.astron.clientagent.ClientAgent;
import io.gatehouse.astron.database.DatabaseServer;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.md.MdListener;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.stateserver.StateServer;
import io.gatehouse.core.objects.ObjectStore;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;

/**
 * The {@code astron} front (docs/protocol/astron.md): the DC files, the Message Director on
 * {@code md_bind}, a State Server on its control channel, a Database Server keeping its
 * objects in the core's store, and the Client Agent on {@code bind} for game clients.
 */
public final class AstronFront implements AutoCloseable {

    private final MessageDirector md = new MessageDirector();
    private final DcFile dc;
    private final MdListener listener;
    private final DatabaseServer database;
    private final ClientAgent clientAgent;

    /**
     * Reads the DC files (a syntax error throws {@link io.gatehouse.astron.dc.DcSyntaxException}
     * naming file, line and column) and starts the roles; an UberDOG whose class the DC files
     * lack is an {@link IllegalArgumentException}.
     */
    public AstronFront(AstronConfig config, ObjectStore objects, EventLoopGroup group) throws InterruptedException {
        this.dc = DcParser.read(config.dcFiles());
        new StateServer(md, dc, config.stateServerChannel());
        this.database = config.database().enabled() ? new DatabaseServer(md, dc, objects, config.database()) : null;
        MdListener l;
        try {
            l = new MdListener(md, group, config.mdBind());
        } catch (RuntimeException | InterruptedException e) {
            closeRoles();
            throw e;
        }
        this.listener = l;
        ClientAgent ca;
        try {
            ca = new ClientAgent(md, dc, config.clientAgent(), config.uberdogs(), group);
        } catch (RuntimeException | InterruptedException e) {
            listener.close();
            closeRoles();
            throw e;
        }
        this.clientAgent = ca;
    }

    public ClientAgent clientAgent() {
        return clientAgent;
    }

    public DcFile dc() {
        return dc;
    }

    public InetSocketAddress mdAddress() {
        return listener.address();
    }

    @Override
    public void close() {
        clientAgent.close();
        listener.close();
        closeRoles();
    }

    private void closeRoles() {
        if (database != null) {
            database.close();
        }
        md.close();
    }
}
