package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gatehouse.core.testing.LogLines;
import io.gatehouse.vcmi.handler.VcmiConnectionHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, item 6: clients decided how much was logged (every malformed command text was an
 * ERROR line). What a connection does wrong is counted in
 * {@code gatehouse_client_faults_total{front="vcmi",kind}}; its first fault is logged at INFO,
 * the rest at DEBUG (docs/protocol/vcmi.md section 10).
 */
class VcmiClientFaultsTest extends VcmiFrontFixture {

    @RegisterExtension
    final LogLines lines = new LogLines(VcmiConnectionHandler.class, Level.DEBUG);

    @Test
    void aHundredAndFiftyBadInputsFromOneConnectionAreCountedAndLoggedOnce() throws Exception {
        start(config());
        RawClient c = connect();
        c.hello(5, "<GREETINGS>sloppy<VER>1.5.0");
        c.readThrough("currently playing 0");
        for (int i = 0; i < 50; i++) {
            c.packet("no brackets at all " + i);
            c.packet("<NOSUCHCOMMAND>" + i);
            c.packet("<LEAVE>a room it is not in");
        }
        c.packet("<HERE>");
        c.readThrough(":>>USERS:1:sloppy");

        assertThat(faults("bad_command")).isEqualTo(50);
        assertThat(faults("unknown_command")).isEqualTo(50);
        assertThat(faults("out_of_state")).isEqualTo(50);
        List<ILoggingEvent> info = lines.list().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
        assertThat(info).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("incorrect message: no brackets at all 0").contains("further faults of this connection at debug level"));
        assertThat(lines.list()).as("the rest at debug").hasSize(150);
    }

    @Test
    void eachConnectionHasItsOwnFirstLine() throws Exception {
        start(config());
        for (String name : new String[] {"first", "second"}) {
            RawClient c = connect();
            c.hello(5, "<GREETINGS>" + name + "<VER>1.5.0");
            c.readThrough("currently playing");
            c.packet("<GREETINGS>" + name);
            c.packet("<GREETINGS>" + name);
            c.readThrough(":>>ERROR:User already authorized:>>ERROR:User already authorized");
        }
        assertThat(faults("out_of_state")).isEqualTo(4);
        assertThat(lines.list().stream().filter(e -> e.getLevel() == Level.INFO)).hasSize(2);
    }
}
