package io.gatehouse.core.bus;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process bus: a map from channel name to its subscribers. */
public final class LocalBus implements Bus {

    private static final Logger log = LoggerFactory.getLogger(LocalBus.class);

    private final Map<String, Set<Subscriber>> channels = new ConcurrentHashMap<>();

    @Override
    public int publish(BusMessage message) {
        Set<Subscriber> subs = channels.get(message.channel());
        if (subs == null) {
            return 0;
        }
        int n = 0;
        for (Subscriber s : subs) {
            try {
                n += s.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("subscriber of {} failed", message.channel(), e);
            }
        }
        return n;
    }

    @Override
    public Subscription subscribe(String channel, Subscriber subscriber) {
        channels.computeIfAbsent(channel, k -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> channels.computeIfPresent(channel, (k, subs) -> {
            subs.remove(subscriber);
            return subs.isEmpty() ? null : subs;
        });
    }

    @Override
    public int subscriberCount(String channel) {
        Set<Subscriber> subs = channels.get(channel);
        return subs == null ? 0 : subs.size();
    }
}
