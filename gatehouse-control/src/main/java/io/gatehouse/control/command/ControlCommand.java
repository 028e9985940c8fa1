package io.gatehouse.control.command;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.control.message.ControlPacket;

/**
 * A business command an authenticated client may send. Runs on the connection's event loop
 * and must not block; an undecodable body throws and is answered with status 3.
 */
@FunctionalInterface
public interface ControlCommand {

    ControlPacket.Response handle(CommandContext context, ControlPacket.Request request) throws InvalidProtocolBufferException;
}
