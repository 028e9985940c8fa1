package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.AstronCluster.Received;
import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.StateServerMessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A cluster (MD, State Server, Client Agent) with one game server on the Message Director, around every test. */
abstract class GameServerTestBase {

    static final long GS = 777;
    static final long ZONE = 5000;

    protected AstronCluster cluster;
    protected MdLink gs;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new AstronCluster(AstronCluster.config());
        gs = cluster.gameServer(GS, LOGIN);
    }

    @AfterEach
    void stopCluster() throws Exception {
        gs.close();
        cluster.close();
    }

    /** A client logged in through the anonymous UberDOG and ESTABLISHED by the game server; returns its channel. */
    static long establish(AstronCluster cluster, MdLink gs, RawClient c) throws Exception {
        c.hello(cluster.ca.hash(), AstronCluster.VERSION);
        c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(LOGIN).u16(0).string("ann").array());
        Received login = Received.of(gs.receive());
        assertThat(login.type()).isEqualTo(StateServerMessageType.OBJECT_SET_FIELD.id());
        assertThat(login.recipients()).containsExactly(LOGIN);
        assertThat(login.argsHex()).isEqualTo(Bytes.le().u32(LOGIN).u16(0).string("ann").hex());
        long channel = login.sender();
        send(gs, channel, GS, ClientAgentMessageType.SET_STATE.id(), Bytes.le().u16(2));
        send(gs, channel, GS, ClientAgentMessageType.SEND_DATAGRAM.id(), Bytes.le().u16(4).u16(999).u16(1));
        assertThat(Bytes.hex(c.receive())).as("the datagram sent after SET_STATE").isEqualTo("e7030100");
        return channel;
    }
}
