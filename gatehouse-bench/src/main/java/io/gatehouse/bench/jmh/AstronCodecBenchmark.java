package io.gatehouse.bench.jmh;

import io.gatehouse.astron.dc.DcConstraints;
import io.gatehouse.astron.dc.DcField;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.dc.DcValues;
import io.gatehouse.astron.md.Datagram;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The astron front's most frequent work per message: an internal SET_FIELD datagram built,
 * a client's field value checked against its DC type (the Client Agent does it for every
 * update a client sends), and a value packed and unpacked as the Java client does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AstronCodecBenchmark {

    private final DcFile dc = DcParser.parse("bench.dc", """
            dclass Avatar {
                setXYH(int16/10 x, int16/10 y, uint16 % 360 h) broadcast ram clsend;
                setChat(string(0-256) text) broadcast clsend;
            };
            """);
    private final DcField xyh = dc.classByName("Avatar").field("setXYH");
    private final DcField chat = dc.classByName("Avatar").field("setChat");
    private final byte[] xyhValue = DcValues.pack(xyh, List.of(12.5, -3.0, 90));
    private final byte[] chatValue = DcValues.pack(chat, List.of("hello there, how is the weather in zone ten"));
    private final ByteBuf xyhBuf = Unpooled.wrappedBuffer(xyhValue);
    private final ByteBuf chatBuf = Unpooled.wrappedBuffer(chatValue);

    @Benchmark
    public int buildSetFieldDatagram() {
        ByteBuf d = Datagram.to(6001, 1_000_000_000L, 2020).u32(6001).u16(xyh.id()).bytes(xyhValue).build();
        int n = d.readableBytes();
        d.release();
        return n;
    }

    @Benchmark
    public DcConstraints.Problem checkPositionUpdate() {
        xyhBuf.readerIndex(0);
        return DcConstraints.check(xyh, xyhBuf);
    }

    @Benchmark
    public DcConstraints.Problem checkChatUpdate() {
        chatBuf.readerIndex(0);
        return DcConstraints.check(chat, chatBuf);
    }

    @Benchmark
    public List<Object> unpackPositionUpdate() {
        xyhBuf.readerIndex(0);
        return DcValues.unpack(xyh, xyhBuf);
    }

    @Benchmark
    public byte[] packPositionUpdate() {
        return DcValues.pack(xyh, List.of(12.5, -3.0, 90));
    }
}
