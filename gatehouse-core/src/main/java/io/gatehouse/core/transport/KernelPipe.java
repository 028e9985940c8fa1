package io.gatehouse.core.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kernel pipe, asked at its opening to hold more than Linux's default 64 KiB (fcntl(2)
 * {@code F_SETPIPE_SZ}, through JNA, since Netty does not name it). A kernel that refuses (past
 * {@code /proc/sys/fs/pipe-max-size}, say), or a JVM where JNA cannot load, leaves the pipe as
 * the kernel made it: {@link #capacity} is then what the kernel says it holds, or the default
 * when it cannot be asked.
 *
 * <p>Growth is bounded for the process ({@link Budget}): Linux gives every new pipe of a user
 * past {@code /proc/sys/fs/pipe-user-pages-soft} (64 MiB by default) only two pages, so pipes
 * grown without a bound would soon make every later pipe of the user tiny. Past the budget a
 * pipe keeps the default; what a grown pipe took is given back when it is closed.
 *
 * @param readEnd  where spliced bytes leave the pipe
 * @param writeEnd where spliced bytes enter it
 * @param capacity the bytes the pipe holds, as the kernel reported it
 * @param budget   what its growth was taken from
 * @param grown    the bytes above the default it took from its budget
 */
public record KernelPipe(FileDescriptor readEnd, FileDescriptor writeEnd, int capacity, Budget budget, int grown) {

    /** Linux's pipe capacity when it is not set. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;
    /** What a pipe is grown to: the most an unprivileged process may ask by Linux's default limit. */
    public static final int WANTED_CAPACITY = 1024 * 1024;

    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;

    /** Opens a pipe grown to {@code wanted} bytes within {@link Budget#PROCESS}; a refusal is not an error. */
    public static KernelPipe open(int wanted) throws IOException {
        return open(wanted, Budget.PROCESS);
    }

    /** Opens a pipe grown to {@code wanted} bytes while {@code budget} allows; a refusal is not an error. */
    public static KernelPipe open(int wanted, Budget budget) throws IOException {
        FileDescriptor[] ends = FileDescriptor.pipe();
        // the kernel rounds a pipe up to a power of two pages: the budget pays for that size
        int extra = powerOfTwoPages(wanted) - DEFAULT_CAPACITY;
        if (extra <= 0 || !budget.take(extra)) {
            return new KernelPipe(ends[0], ends[1], Fcntl.capacity(ends[1].intValue()), budget, 0);
        }
        int capacity = Fcntl.resize(ends[1].intValue(), wanted);
        int grown = Math.max(0, capacity - DEFAULT_CAPACITY);
        budget.giveBack(extra - grown);
        return new KernelPipe(ends[0], ends[1], capacity, budget, grown);
    }

    private static int powerOfTwoPages(int bytes) {
        int pages = (bytes + 4095) / 4096;
        return (pages <= 1 ? 1 : Integer.highestOneBit(pages - 1) << 1) * 4096;
    }

    /** Closes both ends and gives back what the pipe took from its budget; closing twice is harmless. */
    public void close() {
        boolean closedNow = readEnd.isOpen() || writeEnd.isOpen();
        for (FileDescriptor end : new FileDescriptor[] {readEnd, writeEnd}) {
            try {
                end.close();
            } catch (IOException e) {
                // only an end that was closed before fails to close
            }
        }
        if (closedNow) {
            budget.giveBack(grown);
        }
    }

    /** The bytes above the default that the pipes of a process may take together. */
    public static final class Budget {

        /**
         * The process's: half the user's soft limit on pipe pages, so that a node leaves room for
         * its default-sized pipes and the user's other processes; nothing where it cannot be read.
         */
        public static final Budget PROCESS = new Budget(halfTheSoftLimit());

        private final long limit;
        private final AtomicLong taken = new AtomicLong();

        public Budget(long limitBytes) {
            this.limit = limitBytes;
        }

        boolean take(long bytes) {
            while (true) {
                long now = taken.get();
                if (now + bytes > limit) {
                    return false;
                }
                if (taken.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        void giveBack(long bytes) {
            taken.addAndGet(-bytes);
        }

        /** Bytes taken now by open pipes. */
        public long taken() {
            return taken.get();
        }

        private static long halfTheSoftLimit() {
            try {
                long pages = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/fs/pipe-user-pages-soft")).get(0).trim());
                // 0 is no soft limit at all
                return pages == 0 ? Long.MAX_VALUE : pages * 4096 / 2;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** fcntl(2) of the C library, loaded on first use; where JNA cannot load it, one that fails every call. */
    private static final class Fcntl {

        interface LibC extends Library {
            int fcntl(int fd, int cmd, Object... args) throws LastErrorException;
        }

        /** ENOSYS: what the stand-in answers, as a kernel without the call would. */
        private static final int NO_SUCH_CALL = 38;
        private static final LibC NONE = (fd, cmd, args) -> {
            throw new LastErrorException(NO_SUCH_CALL);
        };
        private static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return NONE;
            }
        }

        /** Asks for {@code wanted} bytes and answers what the pipe holds afterwards. */
        static int resize(int fd, int wanted) {
            try {
                return LIBC.fcntl(fd, F_SETPIPE_SZ, wanted);
            } catch (LastErrorException refused) {
                return capacity(fd);
            }
        }

        /** What the pipe holds (the kernel's default when it cannot be asked). */
        static int capacity(int fd) {
            try {
                return LIBC.fcntl(fd, F_GETPIPE_SZ);
            } catch (LastErrorException e) {
                return DEFAULT_CAPACITY;
            }
        }
    }
}
