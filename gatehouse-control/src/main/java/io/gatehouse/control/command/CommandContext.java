package io.gatehouse.control.command;

import io.gatehouse.control.handler.TopicHub;
import io.gatehouse.core.session.Session;
import io.netty.channel.Channel;
import java.util.Set;

/** What a command sees of its connection: the session, the connection's topics (its own, mutable set) and the node's topic hub. */
public record CommandContext(Channel channel, Session session, Set<String> topics, TopicHub hub, int maxTopics) {
}
