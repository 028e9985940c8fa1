package io.gatehouse.core.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/**
 * One kernel pipe, asked at its opening to hold {@code wanted} bytes instead of Linux's default
 * 64 KiB (fcntl(2) {@code F_SETPIPE_SZ}, through JNA, since Netty does not name it). A kernel
 * that refuses (past {@code /proc/sys/fs/pipe-max-size}, or a user past
 * {@code pipe-user-pages-soft} who may not raise it), or a JVM where JNA cannot load, leaves the
 * pipe as the kernel made it: {@link #capacity} is then what the kernel says it holds, or the
 * default when it cannot be asked.
 *
 * @param readEnd  where spliced bytes leave the pipe
 * @param writeEnd where spliced bytes enter it
 * @param capacity the bytes the pipe holds, as the kernel reported it
 */
public record KernelPipe(FileDescriptor readEnd, FileDescriptor writeEnd, int capacity) {

    /** Linux's pipe capacity when it is not set. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;
    /** What a pipe is grown to: the most an unprivileged process may ask by Linux's default limit. */
    public static final int WANTED_CAPACITY = 1024 * 1024;

    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;

    /** Opens a pipe and asks for {@code wanted} bytes of room in it; a refusal is not an error. */
    public static KernelPipe open(int wanted) throws IOException {
        FileDescriptor[] ends = FileDescriptor.pipe();
        int capacity = Fcntl.resize(ends[1].intValue(), wanted);
        return new KernelPipe(ends[0], ends[1], capacity);
    }

    /** Closes both ends; closing an end closed already is not an error. */
    public void close() {
        for (FileDescriptor end : new FileDescriptor[] {readEnd, writeEnd}) {
            try {
                end.close();
            } catch (IOException e) {
                // only an end that was closed before fails to close
            }
        }
    }

    /** fcntl(2) of the C library, loaded on first use; absent where JNA cannot load it. */
    private static final class Fcntl {

        interface LibC extends Library {
            int fcntl(int fd, int cmd, Object... args) throws LastErrorException;
        }

        private static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }

        /** Asks for {@code wanted} bytes and answers what the pipe holds afterwards. */
        static int resize(int fd, int wanted) {
            if (LIBC == null) {
                return DEFAULT_CAPACITY;
            }
            try {
                return LIBC.fcntl(fd, F_SETPIPE_SZ, wanted);
            } catch (LastErrorException refused) {
                try {
                    return LIBC.fcntl(fd, F_GETPIPE_SZ);
                } catch (LastErrorException e) {
                    return DEFAULT_CAPACITY;
                }
            }
        }
    }
}
