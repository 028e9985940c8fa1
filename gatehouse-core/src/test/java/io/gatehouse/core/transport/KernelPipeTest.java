package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelPipeTest {

    @BeforeAll
    static void nettysNativeLibraryIsLoaded() {
        // the pipe is opened by Netty's native code, which an epoll event loop loads first
        Epoll.ensureAvailability();
    }

    @Test
    void aPipeIsGrownToWhatIsAskedWithinTheKernelsLimit() throws Exception {
        int limit = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/fs/pipe-max-size")).get(0).trim());
        // below 1 MiB only a privileged process may pass the limit: what it gets depends on who runs the test
        assumeTrue(limit >= KernelPipe.WANTED_CAPACITY, "pipe-max-size of 1 MiB or more");
        KernelPipe pipe = KernelPipe.open(KernelPipe.WANTED_CAPACITY, new KernelPipe.Budget(KernelPipe.WANTED_CAPACITY));
        try {
            assertThat(pipe.capacity()).isEqualTo(KernelPipe.WANTED_CAPACITY);
        } finally {
            pipe.close();
        }
    }

    @Test
    void theKernelRoundsAskedRoomUpToAPowerOfTwoPagesAndTheBudgetPaysWhatItGave() throws Exception {
        KernelPipe.Budget budget = new KernelPipe.Budget(KernelPipe.DEFAULT_CAPACITY);
        KernelPipe pipe = KernelPipe.open(KernelPipe.DEFAULT_CAPACITY + 3 * 4096, budget);
        try {
            assertThat(pipe.capacity()).isEqualTo(2 * KernelPipe.DEFAULT_CAPACITY);
            assertThat(budget.taken()).isEqualTo(KernelPipe.DEFAULT_CAPACITY);
        } finally {
            pipe.close();
        }
    }

    @Test
    void pastItsBudgetAPipeKeepsTheDefaultUntilAGrownOneCloses() throws Exception {
        int extra = KernelPipe.WANTED_CAPACITY - KernelPipe.DEFAULT_CAPACITY;
        KernelPipe.Budget budget = new KernelPipe.Budget(extra + extra / 2);
        KernelPipe grown = KernelPipe.open(KernelPipe.WANTED_CAPACITY, budget);
        KernelPipe past = KernelPipe.open(KernelPipe.WANTED_CAPACITY, budget);
        assertThat(grown.capacity()).isEqualTo(KernelPipe.WANTED_CAPACITY);
        assertThat(past.capacity()).isEqualTo(KernelPipe.DEFAULT_CAPACITY);
        assertThat(budget.taken()).isEqualTo(extra);
        past.close();
        grown.close();
        grown.close();
        assertThat(budget.taken()).as("given back once").isZero();
        KernelPipe again = KernelPipe.open(KernelPipe.WANTED_CAPACITY, budget);
        assertThat(again.capacity()).isEqualTo(KernelPipe.WANTED_CAPACITY);
        again.close();
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        KernelPipe pipe = KernelPipe.open(KernelPipe.DEFAULT_CAPACITY);
        pipe.close();
        pipe.close();
        assertThat(pipe.readEnd().isOpen()).isFalse();
        assertThat(pipe.writeEnd().isOpen()).isFalse();
    }
}
