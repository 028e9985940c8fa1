package io.gatehouse.bench.jmh;

import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.control.message.CommandCode;
import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Heartbeat;
import io.gatehouse.control.message.Notification;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The control front's most frequent packets: heartbeat requests in, their echoes and pushes out. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControlCodecBenchmark {

    private final PacketReader reader = new PacketReader(PacketReader.DEFAULT_MAX_BODY_BYTES);
    private ByteBuf heartbeatWire;
    private ControlPacket.Response echo;
    private ControlPacket.Push push;
    /** A 4 KB JSON quote snapshot: what a studio would turn gzip on for. */
    private ControlPacket.Push largeJsonPush;
    private final ControlPacketEncoder gzip = ControlPacketEncoder.gzipFrom(1024);

    @Setup
    public void setUp() {
        byte[] body = ControlBodies.encode(new Heartbeat(1_700_000_000_000L, 2));
        heartbeatWire = ControlPacketEncoder.PLAIN.encode(PooledByteBufAllocator.DEFAULT, new ControlPacket.Request(1, 2, 0, body));
        echo = new ControlPacket.Response(1, 2, 0, body);
        push = new ControlPacket.Push(CommandCode.NOTIFY.wire(),
                ControlBodies.encode(new Notification("lobby", Notification.CONTENT_JSON, Notification.DISPATCH_BROADCAST, new byte[64])));
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < 4096; i++) {
            json.append("{\"symbol\":\"").append(700 + i).append(".HK\",\"last\":\"").append(320 + i % 17).append(".4\",\"volume\":")
                    .append(1_000_000 + i * 7919).append("},");
        }
        json.setCharAt(json.length() - 1, ']');
        largeJsonPush = new ControlPacket.Push(CommandCode.NOTIFY.wire(), ControlBodies.encode(new Notification("quotes",
                Notification.CONTENT_JSON, Notification.DISPATCH_BROADCAST, json.toString().getBytes(StandardCharsets.US_ASCII))));
    }

    @TearDown
    public void tearDown() {
        heartbeatWire.release();
    }

    /** Encodes into a pooled buffer and gives it back: the size keeps the work from being optimised away. */
    private static int encodedSize(ControlPacketEncoder encoder, ControlPacket packet) {
        ByteBuf out = encoder.encode(PooledByteBufAllocator.DEFAULT, packet);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public ControlMessage decodeHeartbeatRequest() {
        ByteBuf in = heartbeatWire.duplicate();
        return reader.tryRead(in);
    }

    @Benchmark
    public int encodeHeartbeatEcho() {
        return encodedSize(ControlPacketEncoder.PLAIN, echo);
    }

    @Benchmark
    public int encodeNotificationPush() {
        return encodedSize(ControlPacketEncoder.PLAIN, push);
    }

    @Benchmark
    public int encodeLargeJsonPushPlain() {
        return encodedSize(ControlPacketEncoder.PLAIN, largeJsonPush);
    }

    @Benchmark
    public int encodeLargeJsonPushGzipped() {
        return encodedSize(gzip, largeJsonPush);
    }

    @Benchmark
    public byte[] encodeNotificationBody() {
        return ControlBodies.encode(new Notification("lobby", Notification.CONTENT_JSON, Notification.DISPATCH_BROADCAST, new byte[64]));
    }
}
