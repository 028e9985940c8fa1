package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.clientagent.ClientRequest.AddInterest;
import io.gatehouse.astron.clientagent.ClientRequest.DecodeFailure;
import io.gatehouse.astron.clientagent.ClientRequest.Heartbeat;
import io.gatehouse.astron.clientagent.ClientRequest.Hello;
import io.gatehouse.astron.clientagent.ClientRequest.NotAccepted;
import io.gatehouse.astron.clientagent.ClientRequest.Relocate;
import io.gatehouse.astron.clientagent.ClientRequest.RemoveInterest;
import io.gatehouse.astron.clientagent.ClientRequest.SetField;
import io.gatehouse.astron.dc.DcClass;
import io.gatehouse.astron.dc.DcConstraints;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import io.gatehouse.astron.message.StateServerMessageType;
import io.gatehouse.core.session.CloseReason;
import io.netty.buffer.ByteBufUtil;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a client's own messages do (docs/protocol/astron.md, section 11): the client's state
 * first (which messages it may send in it), then the message. The checks astrond makes before
 * it reads a message's arguments come first, so a cut-off message is answered as astrond
 * answers it; bytes left over are judged once the message has been handled.
 */
final class ClientRequestHandler {

    private static final Set<ClientMessageType> ANONYMOUS_MAY_SEND = EnumSet.of(
            ClientMessageType.DISCONNECT, ClientMessageType.OBJECT_SET_FIELD, ClientMessageType.HEARTBEAT);
    private static final Set<ClientMessageType> ESTABLISHED_MAY_SEND = EnumSet.of(
            ClientMessageType.DISCONNECT, ClientMessageType.OBJECT_SET_FIELD, ClientMessageType.OBJECT_LOCATION,
            ClientMessageType.ADD_INTEREST, ClientMessageType.ADD_INTEREST_MULTIPLE, ClientMessageType.REMOVE_INTEREST,
            ClientMessageType.HEARTBEAT);

    private final Client client;
    private final ClientAgent agent;
    private final ObjectView view;
    private final Interests interests;

    ClientRequestHandler(Client client, ClientAgent agent, ObjectView view, Interests interests) {
        this.client = client;
        this.agent = agent;
        this.view = view;
        this.interests = interests;
    }

    void handle(ClientState state, ClientRequest r) {
        if (r instanceof DecodeFailure f && f.type() == null) {
            client.eject(f.code(), f.reason());
            return;
        }
        switch (state) {
            case NEW -> beforeHello(r);
            case ANONYMOUS -> {
                if (r instanceof NotAccepted || !ANONYMOUS_MAY_SEND.contains(r.type())) {
                    client.eject(EjectCode.INVALID_MSGTYPE, "Message type " + wireId(r) + " not allowed prior to authentication.");
                } else {
                    accepted(r, state);
                }
            }
            case ESTABLISHED -> {
                if (r instanceof NotAccepted || !ESTABLISHED_MAY_SEND.contains(r.type())) {
                    client.eject(EjectCode.INVALID_MSGTYPE, "Message type " + wireId(r) + " not valid.");
                } else {
                    accepted(r, state);
                }
            }
        }
    }

    private static int wireId(ClientRequest r) {
        return r instanceof NotAccepted n ? n.id() : r.type().id();
    }

    private void beforeHello(ClientRequest r) {
        if (r.type() != ClientMessageType.HELLO || r instanceof NotAccepted) {
            client.eject(EjectCode.NO_HELLO, "First packet is not CLIENT_HELLO");
            return;
        }
        client.resetHeartbeat();
        if (r instanceof DecodeFailure f) {
            client.eject(f.code(), f.reason());
            return;
        }
        Hello h = (Hello) r;
        String version = agent.config().version();
        if (!h.version().equals(version)) {
            client.eject(EjectCode.BAD_VERSION, "Client version mismatch: client=" + h.version() + ", server=" + version);
            return;
        }
        if (h.dcHash() != agent.hash()) {
            client.eject(EjectCode.BAD_DCHASH, "Client DC hash mismatch: client=0x" + Long.toHexString(h.dcHash())
                    + ", server=0x" + Long.toHexString(agent.hash()));
            return;
        }
        client.send(client.frame(ClientMessageType.HELLO_RESP));
        client.greeted();
        excess(h.excess());
    }

    /** A message the client may send in its state. */
    private void accepted(ClientRequest r, ClientState state) {
        switch (r.type()) {
            case DISCONNECT -> client.disconnected();
            case HEARTBEAT -> {
                client.resetHeartbeat();
                excess(((Heartbeat) r).excess());
            }
            case OBJECT_SET_FIELD -> {
                if (r instanceof DecodeFailure f) {
                    client.eject(f.code(), f.reason());
                } else {
                    setField((SetField) r, state);
                }
            }
            case OBJECT_LOCATION -> relocate(r);
            case ADD_INTEREST, ADD_INTEREST_MULTIPLE -> addInterest(r);
            case REMOVE_INTEREST -> removeInterest(r);
            default -> throw new IllegalStateException("no handler for " + r.type());
        }
    }

    /** Bytes were left after the message's arguments: 106, unless the message has already ended the client. */
    private void excess(boolean excess) {
        if (excess && !client.isClosed()) {
            client.eject(EjectCode.OVERSIZED_DATAGRAM, "Datagram contains excess data.");
        }
    }

    /** A field update from the client, checked against what it may see and send. */
    private void setField(SetField m, ClientState state) {
        long doId = m.doId();
        int fieldId = m.fieldId();
        DcClass dclass = view.lookup(doId);
        if (dclass == null) {
            if (!view.historical.contains(doId)) {
                client.eject(EjectCode.MISSING_OBJECT, "Client tried to send update to nonexistent object " + doId);
            }
            return;
        }
        String object = dclass.name() + "(" + doId + ")";
        if (state != ClientState.ESTABLISHED && !view.isAnonymousUberdog(doId)) {
            client.eject(EjectCode.ANONYMOUS_VIOLATION, "Client tried to send update to non-anonymous object " + object);
            return;
        }
        DcField field = agent.dc().field(fieldId);
        if (field == null || !dclass.has(field)) {
            client.eject(EjectCode.FORBIDDEN_FIELD, "Client tried to send update for nonexistent field " + fieldId + " to object " + object);
            return;
        }
        boolean owned = view.isOwned(doId);
        if (!field.hasKeyword("clsend") && !(owned && field.hasKeyword("ownsend")) && !view.isSendable(doId, fieldId)) {
            client.eject(EjectCode.FORBIDDEN_FIELD, "Client tried to send update for non-sendable field: " + object + "." + field.name());
            return;
        }
        DcConstraints.Problem problem = DcConstraints.check(field, m.value());
        if (problem != null && problem.cutShort()) {
            client.eject(EjectCode.TRUNCATED_DATAGRAM, ClientDatagramDecoder.TRUNCATED);
            return;
        }
        if (problem != null) {
            client.eject(EjectCode.FIELD_CONSTRAINT, "Client tried to send update that violates the constraints for field "
                    + object + "." + field.name() + ": " + problem.detail());
            return;
        }
        int length = m.value().readerIndex();
        if (6 + length > Datagram.argumentRoom(1)) {
            client.tooLargeForTheCluster();
            return;
        }
        client.route(Datagram.to(doId, client.channel(), StateServerMessageType.OBJECT_SET_FIELD.id()).u32(doId).u16(fieldId)
                .bytes(ByteBufUtil.getBytes(m.value(), 0, length)));
        excess(m.value().isReadable());
    }

    /** CLIENT_OBJECT_LOCATION: the client moves an object it owns, when the agent allows it. */
    private void relocate(ClientRequest r) {
        if (!agent.config().relocateAllowed()) {
            client.eject(EjectCode.FORBIDDEN_RELOCATE, "Owned object relocation is disabled by server.");
            return;
        }
        if (r instanceof DecodeFailure f) {
            client.eject(f.code(), f.reason());
            return;
        }
        Relocate m = (Relocate) r;
        long doId = m.doId();
        if (!view.isOwned(doId)) {
            if (view.historical.contains(doId)) {
                return;
            } else if (view.visible.containsKey(doId)) {
                client.eject(EjectCode.FORBIDDEN_RELOCATE, "Can't relocate an object the client doesn't own");
            } else {
                client.eject(EjectCode.MISSING_OBJECT, "Client tried to manipulate unknown object " + doId);
            }
            return;
        }
        if (m.to() == null) {
            client.eject(EjectCode.TRUNCATED_DATAGRAM, ClientDatagramDecoder.TRUNCATED);
            return;
        }
        client.route(Datagram.to(doId, client.channel(), StateServerMessageType.OBJECT_SET_LOCATION.id())
                .u32(m.to().parent()).u32(m.to().zone()));
        excess(m.excess());
    }

    private void addInterest(ClientRequest r) {
        if (agent.config().interests() == InterestPolicy.DISABLED) {
            client.eject(EjectCode.FORBIDDEN_INTEREST, "Client is not allowed to add interests.");
            return;
        }
        if (r instanceof DecodeFailure f) {
            client.eject(f.code(), f.reason());
            return;
        }
        AddInterest m = (AddInterest) r;
        Interest i = m.interest();
        if (agent.config().interests() == InterestPolicy.VISIBLE && view.lookup(i.parent()) == null) {
            client.eject(EjectCode.FORBIDDEN_INTEREST, "Cannot add interest to parent with id " + i.parent()
                    + " because parent is not visible to client.");
            return;
        }
        if (!Interests.fitsOneQuery(i)) {
            client.tooLargeForTheCluster();
            return;
        }
        interests.add(i, m.context(), 0);
        excess(m.excess());
    }

    private void removeInterest(ClientRequest r) {
        if (agent.config().interests() == InterestPolicy.DISABLED) {
            client.eject(EjectCode.FORBIDDEN_INTEREST, "Client is not allowed to remove interests.");
            return;
        }
        if (r instanceof DecodeFailure f) {
            client.eject(f.code(), f.reason());
            return;
        }
        RemoveInterest m = (RemoveInterest) r;
        Interest i = interests.open.get(m.interestId());
        if (i == null) {
            client.eject(EjectCode.GENERIC.code(), "Tried to remove a non-existing interest.", CloseReason.BAD_FRAME, "unknown_interest");
            return;
        }
        if (agent.config().interests() == InterestPolicy.VISIBLE && view.lookup(i.parent()) == null) {
            client.eject(EjectCode.FORBIDDEN_INTEREST, "Cannot remove interest for parent with id " + i.parent()
                    + " because parent is not visible to client.");
            return;
        }
        interests.remove(i, m.context(), 0);
        excess(m.excess());
    }
}
