package io.gatehouse.astron.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.cluster.Will;
import io.gatehouse.core.cluster.Wills;
import io.gatehouse.core.time.Cancellable;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The director's post-removes copied to a cluster's wills (docs/protocol/astron.md, section
 * 3.5): each change in the order the director takes it, under one number per participant,
 * forgotten once the director has routed them; nothing kept for a node alone.
 */
class PostRemoveCopiesTest {

    private final List<String> kept = new CopyOnWriteArrayList<>();
    private final MessageDirector md = new MessageDirector(new LocalBus(), PostRemoveCopies.of(new RecordedWills()));

    @AfterEach
    void stop() {
        md.close();
    }

    @Test
    void eachChangeIsCopiedUnderTheParticipantsNumberAndForgottenOnceRouted() {
        MdParticipant ai = new SilentParticipant("ai");
        MdParticipant ud = new SilentParticipant("ud");
        MdParticipant silent = new SilentParticipant("silent");
        md.addPostRemove(ai, 10, new byte[] {0, 1});
        md.addPostRemove(ud, 20, new byte[] {0, 2});
        md.addPostRemove(ai, 11, new byte[] {0, 3});
        md.clearPostRemoves(ai, 11);
        md.clearPostRemoves(silent, 5);
        md.remove(ai);
        md.remove(silent);
        md.drain(5000);
        assertThat(kept).containsExactly("add astron 0/10 [0, 1]", "add astron 1/20 [0, 2]", "add astron 0/11 [0, 3]", "clear astron 0/11",
                "forget astron 0");
    }

    @Test
    void aNodeAloneKeepsNoCopy() {
        assertThat(PostRemoveCopies.of(Wills.ALONE)).isSameAs(PostRemoveCopies.NONE);
    }


    /** Wills that note each call. */
    private final class RecordedWills implements Wills {
        @Override
        public boolean kept() {
            return true;
        }

        @Override
        public void add(String front, long owner, long group, byte[] body) {
            kept.add("add " + front + " " + owner + "/" + group + " " + Arrays.toString(body));
        }

        @Override
        public void clear(String front, long owner, long group) {
            kept.add("clear " + front + " " + owner + "/" + group);
        }

        @Override
        public void forget(String front, long owner) {
            kept.add("forget " + front + " " + owner);
        }

        @Override
        public Cancellable serve(String front, Consumer<List<Will>> sender) {
            return Cancellable.NONE;
        }
    }
}
