package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
        KernelPipe pipe = KernelPipe.open(KernelPipe.WANTED_CAPACITY);
        try {
            assertThat(pipe.capacity()).isEqualTo(Math.min(KernelPipe.WANTED_CAPACITY, limit));
        } finally {
            pipe.close();
        }
    }

    @Test
    void theKernelRoundsAskedRoomUpToAPowerOfTwoPages() throws Exception {
        KernelPipe pipe = KernelPipe.open(3 * 4096);
        try {
            assertThat(pipe.capacity()).isEqualTo(4 * 4096);
        } finally {
            pipe.close();
        }
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
