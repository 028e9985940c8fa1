package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.message.ArgumentLengths;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLIENTAGENT_* messages game servers send to a client's channel (docs/protocol/astron.md,
 * section 8, and their effects in section 11). The ones that change what the Message Director
 * routes to the client take effect on the routing thread ({@link #routingChange}); the rest run
 * on the client's thread ({@link #handle}).
 */
final class GameServerControl {

    private static final Logger log = LoggerFactory.getLogger(GameServerControl.class);

    private final Client client;
    private final ClientAgent agent;
    private final ObjectView view;
    private final Interests interests;

    GameServerControl(Client client, ClientAgent agent, ObjectView view, Interests interests) {
        this.client = client;
        this.agent = agent;
        this.view = view;
        this.interests = interests;
    }

    /**
     * On the routing thread: a message that changes the client's channels or post-removes; true
     * when {@code args} was one. One cut short is not (the client's thread reports and drops it).
     */
    boolean routingChange(int id, ByteBuf args) {
        ClientAgentMessageType type = ClientAgentMessageType.of(id);
        if (type == null || !ArgumentLengths.complete(type, args)) {
            return false;
        }
        switch (type) {
            case SET_CLIENT_ID -> {
                if (client.channel() != client.allocated()) {
                    client.unsubscribe(client.channel());
                }
                client.rename(args.readLongLE());
                client.subscribe(client.channel());
                ClientSession session = client.session();
                if (session != null) {
                    agent.sessions().identify(session, null, Long.toUnsignedString(client.channel()));
                }
            }
            case OPEN_CHANNEL -> client.subscribe(args.readLongLE());
            case CLOSE_CHANNEL -> client.unsubscribe(args.readLongLE());
            case ADD_POST_REMOVE -> {
                int length = args.readUnsignedShortLE();
                agent.md().addPostRemove(client, client.allocated(), ByteBufUtil.getBytes(args.readSlice(length)));
            }
            case CLEAR_POST_REMOVES -> agent.md().clearPostRemoves(client, client.allocated());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** On the client's thread: {@code d} is past the message type, its arguments whole; {@code sender} sent it. */
    void handle(ClientAgentMessageType type, ByteBuf d, long sender) {
        switch (type) {
            case EJECT -> {
                int code = d.readUnsignedShortLE();
                client.eject(code, readString(d), CloseReason.KICKED, null);
            }
            case DROP -> client.drop(CloseReason.KICKED);
            case SET_STATE -> setState(d.readUnsignedShortLE());
            case ADD_INTEREST, ADD_INTEREST_MULTIPLE -> addInterest(d, type == ClientAgentMessageType.ADD_INTEREST_MULTIPLE, sender);
            case REMOVE_INTEREST -> removeInterest(d.readUnsignedShortLE(), sender);
            case SEND_DATAGRAM -> {
                int length = d.readUnsignedShortLE();
                ByteBuf datagram = d.readSlice(length);
                if (!client.isClosed()) {
                    client.link().send(ClientFrame.raw(client.link().alloc(), datagram));
                }
            }
            case DECLARE_OBJECT -> declare(d.readUnsignedIntLE(), d.readUnsignedShortLE());
            case UNDECLARE_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (view.declared.remove(doId) == null) {
                    log.warn("{}: undeclare object for unknown object {}", client.name(), doId);
                }
            }
            case SET_FIELDS_SENDABLE -> sendable(d);
            case ADD_SESSION_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (!view.session.add(doId)) {
                    log.warn("{}: add session object for existing session object {}", client.name(), doId);
                }
            }
            case REMOVE_SESSION_OBJECT -> {
                long doId = d.readUnsignedIntLE();
                if (!view.session.remove(doId)) {
                    log.warn("{}: remove session object for non-session object {}", client.name(), doId);
                }
            }
            case GET_TLVS -> {
                byte[] tlvs = client.link().tlvs();
                if (!client.route(Datagram.to(sender, client.channel(), ClientAgentMessageType.GET_TLVS_RESP.id())
                        .u32(d.readUnsignedIntLE()).u16(tlvs.length).bytes(tlvs))) {
                    log.error("{}: the client's {} bytes of PROXY TLVs do not fit one datagram; GET_TLVS not answered", client.name(), tlvs.length);
                }
            }
            case GET_NETWORK_ADDRESS -> networkAddress(d.readUnsignedIntLE(), sender);
            default -> log.error("{}: unknown server message type {}", client.name(), type.id());
        }
    }

    private void setState(int wire) {
        ClientState state = ClientState.of(wire);
        if (state == null) {
            log.error("{}: CLIENTAGENT_SET_STATE to unknown state {}", client.name(), wire);
            return;
        }
        client.setState(state);
    }

    /** The client is told first (CLIENT_ADD_INTEREST, or _MULTIPLE for more than one zone), then the interest opens. */
    private void addInterest(ByteBuf d, boolean multiple, long sender) {
        Interest i = Interests.read(d, multiple);
        if (!Interests.fitsOneQuery(i)) {
            client.serverFault("an interest of " + i.zones().size() + " zones does not fit one query; dropped");
            return;
        }
        long context = client.nextContext();
        boolean several = i.zones().size() > 1;
        ClientFrame f = client.frame(several ? ClientMessageType.ADD_INTEREST_MULTIPLE : ClientMessageType.ADD_INTEREST)
                .u32(context).u16(i.id()).u32(i.parent());
        if (several) {
            f.u16(i.zones().size());
        }
        i.zones().forEach(f::u32);
        client.send(f);
        interests.add(i, context, sender);
    }

    private void removeInterest(int id, long sender) {
        long context = client.nextContext();
        Interest i = interests.open.getOrDefault(id, new Interest(id, 0, Set.of()));
        client.send(client.frame(ClientMessageType.REMOVE_INTEREST).u32(context).u16(id));
        interests.remove(i, context, sender);
    }

    private void declare(long doId, int classId) {
        if (view.declared.containsKey(doId)) {
            log.warn("{}: object declaration for previously declared object {}", client.name(), doId);
        } else {
            view.declared.put(doId, agent.dc().classById(classId));
        }
    }

    private void sendable(ByteBuf d) {
        long doId = d.readUnsignedIntLE();
        int count = d.readUnsignedShortLE();
        Set<Integer> fields = new HashSet<>();
        for (int i = 0; i < count; i++) {
            fields.add(d.readUnsignedShortLE());
        }
        view.sendable.put(doId, fields);
    }

    private void networkAddress(long context, long sender) {
        ClientLink link = client.link();
        Datagram r = Datagram.to(sender, client.channel(), ClientAgentMessageType.GET_NETWORK_ADDRESS_RESP.id()).u32(context);
        writeString(r, link.remoteIp());
        r.u16(link.remotePort());
        writeString(r, link.localIp());
        r.u16(link.localPort());
        client.route(r);
    }

    private static String readString(ByteBuf in) {
        int length = in.readUnsignedShortLE();
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static void writeString(Datagram d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.u16(b.length).bytes(b);
    }
}
