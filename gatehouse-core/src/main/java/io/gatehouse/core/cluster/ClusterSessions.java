package io.gatehouse.core.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.session.CloseReason;
import io.gatehouse.core.session.ClusterLink;
import io.gatehouse.core.session.Handovers;
import io.gatehouse.core.session.Kicked;
import io.gatehouse.core.session.LiveSession;
import io.gatehouse.core.session.LocalSessionRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster asking each other about their sessions, over the bus: a listing of
 * every node's live sessions, a kick of a session wherever it lives, closing a connection on
 * another node (a session resumed elsewhere), and handing over what a front holds of an account
 * ({@link Handovers}). A question goes to the topic {@value #ASK},
 * which every node hears; the answers go to the asking node's own topic
 * ({@value #REPLY_PREFIX}NODE). Both are JSON.
 *
 * <p>An asker waits for an answer from each node alive when it asked ({@link NodeMembership}),
 * or {@code patience} at the most: a node that does not answer in time is left out of a
 * listing (and logged), and a kick that nobody answered is judged as a session no live node
 * holds. A node lists its sessions in pages of {@value #PAGE} so that no message outgrows a
 * NATS server's payload limit (1 MiB by default). At most {@value #MAX_PENDING} questions wait
 * at once; past that a question is answered at once with this node's part only.
 */
public final class ClusterSessions implements ClusterLink, Handovers, AutoCloseable {

    static final String ASK = "gatehouse.sessions.ask";
    static final String REPLY_PREFIX = "gatehouse.sessions.reply.";
    static final int PAGE = 1000;
    static final int MAX_PENDING = 256;

    private static final Logger log = LoggerFactory.getLogger(ClusterSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * A question: {@code op} is list, kick, close or handover; {@code to} names the one node meant
     * (close), null for all; {@code session} is the session id, or the name handed over.
     */
    record Ask(String op, String from, long request, String to, String session, String reason, String detail, String front,
               Long account) {
    }

    /** An answer to request {@code request} from {@code node}: a page of a listing, a kick done, or nothing. */
    record Answer(long request, String node, List<LiveSession> sessions, boolean more, Kicked kicked) {
    }

    /** One question waiting for its answers. */
    private static final class Pending {
        final Set<String> waitingFor;
        final List<LiveSession> sessions = new ArrayList<>();
        final CompletableFuture<Pending> done = new CompletableFuture<>();
        Kicked kicked;

        Pending(Set<String> nodes) {
            this.waitingFor = ConcurrentHashMap.newKeySet();
            this.waitingFor.addAll(nodes);
        }
    }

    private final Bus bus;
    private final String node;
    private final Supplier<Set<String>> others;
    private final Executor work;
    private final Duration patience;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    private volatile LocalSessionRegistry local;

    /**
     * The node {@code node} of a cluster on {@code bus}; {@code others} names the nodes alive
     * now; questions from other nodes are answered on {@code work} (a kick blocks on the store).
     */
    public ClusterSessions(Bus bus, String node, Supplier<Set<String>> others, Executor work, Duration patience) {
        this.bus = bus;
        this.node = node;
        this.others = others;
        this.work = work;
        this.patience = patience;
        this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-cluster-asks");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts answering the other nodes' questions from {@code registry} (this node's). */
    public void serve(LocalSessionRegistry registry) {
        this.local = registry;
        subscriptions.add(bus.subscribe(ASK, this::onAsk));
        subscriptions.add(bus.subscribe(REPLY_PREFIX + node, this::onAnswer));
    }

    @Override
    public void closeElsewhere(String target, String sessionId, CloseReason reason, String detail) {
        send(ASK, new Ask("close", node, 0, target, sessionId, reason.name(), detail, null, null));
    }

    @Override
    public Executor storeWrites() {
        return work;
    }

    /** Every other live node's sessions; a node that does not answer within the patience is left out. */
    public CompletableFuture<List<LiveSession>> listOthers() {
        return ask("list", null).thenApply(p -> {
            synchronized (p) {
                return List.copyOf(p.sessions);
            }
        });
    }

    /** Kicks the session on whichever other node holds its connection; empty when none answered that it did. */
    public CompletableFuture<Optional<Kicked>> kickElsewhere(String sessionId) {
        return ask("kick", sessionId).thenApply(p -> Optional.ofNullable(p.kicked));
    }

    @Override
    public void serve(String front, Holder holder) {
        holders.put(front, holder);
    }

    @Override
    public CompletableFuture<Void> takeOver(String front, long accountId, String name) {
        return ask(new Ask("handover", node, 0, null, name, null, null, front, accountId)).thenApply(p -> null);
    }

    private CompletableFuture<Pending> ask(String op, String sessionId) {
        return ask(new Ask(op, node, 0, null, sessionId, null, null, null, null));
    }

    private CompletableFuture<Pending> ask(Ask question) {
        String op = question.op();
        Set<String> nodes = others.get();
        Pending p = new Pending(nodes);
        if (nodes.isEmpty() || pending.size() >= MAX_PENDING) {
            if (!nodes.isEmpty()) {
                log.warn("{} questions to the cluster wait already; answering with this node's part only", MAX_PENDING);
            }
            return CompletableFuture.completedFuture(p);
        }
        long id = requests.incrementAndGet();
        pending.put(id, p);
        timer.schedule(() -> {
            if (pending.remove(id) != null && !p.waitingFor.isEmpty()) {
                log.info("node(s) {} did not answer a {} within {} ms; left out", p.waitingFor, op, patience.toMillis());
                p.done.complete(p);
            }
        }, patience.toMillis(), TimeUnit.MILLISECONDS);
        send(ASK, new Ask(op, node, id, null, question.session(), null, null, question.front(), question.account()));
        return p.done;
    }

    private void onAsk(BusMessage m) {
        Ask ask = read(m, Ask.class);
        LocalSessionRegistry registry = local;
        if (ask == null || registry == null || node.equals(ask.from()) || ask.op() == null) {
            return;
        }
        work.execute(() -> answer(ask, registry));
    }

    private void answer(Ask ask, LocalSessionRegistry registry) {
        String reply = REPLY_PREFIX + ask.from();
        switch (ask.op()) {
            case "list" -> {
                List<LiveSession> all = registry.liveHere();
                for (int from = 0; from < all.size() || from == 0; from += PAGE) {
                    List<LiveSession> page = all.subList(from, Math.min(all.size(), from + PAGE));
                    send(reply, new Answer(ask.request(), node, page, from + PAGE < all.size(), null));
                }
            }
            case "kick" -> {
                Kicked kicked = registry.hasSession(ask.session()) ? registry.kick(ask.session()).join().orElse(null) : null;
                send(reply, new Answer(ask.request(), node, List.of(), false, kicked));
            }
            case "handover" -> {
                Holder holder = ask.front() == null ? null : holders.get(ask.front());
                if (holder == null || ask.account() == null || ask.session() == null) {
                    send(reply, new Answer(ask.request(), node, List.of(), false, null));
                } else {
                    holder.letGo(ask.account(), ask.session()).whenComplete((held, error) -> {
                        if (error != null) {
                            log.warn("letting go of {}'s {} for node {} failed", ask.front(), ask.session(), ask.from(), error);
                        }
                        send(reply, new Answer(ask.request(), node, List.of(), false, null));
                    });
                }
            }
            case "close" -> {
                if (node.equals(ask.to()) && ask.session() != null) {
                    registry.closeSession(ask.session(), closeReason(ask.reason()), ask.detail() == null ? "" : ask.detail());
                }
            }
            default -> log.debug("a question '{}' from node {} is not one this version answers; ignored", ask.op(), ask.from());
        }
    }

    private void onAnswer(BusMessage m) {
        Answer a = read(m, Answer.class);
        Pending p = a == null ? null : pending.get(a.request());
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (a.sessions() != null) {
                p.sessions.addAll(a.sessions());
            }
            if (a.kicked() != null) {
                p.kicked = a.kicked();
            }
        }
        if (!a.more()) {
            p.waitingFor.remove(a.node());
        }
        if (p.waitingFor.isEmpty() || a.kicked() != null) {
            pending.remove(a.request());
            p.done.complete(p);
        }
    }

    private static CloseReason closeReason(String name) {
        try {
            return CloseReason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CloseReason.DUPLICATE_LOGIN;
        }
    }

    private void send(String topic, Object message) {
        try {
            bus.publish(new BusMessage(topic, BusMessage.ContentType.JSON, JSON.writeValueAsBytes(message)));
        } catch (IOException e) {
            throw new IllegalStateException("a cluster question did not write as JSON", e);
        }
    }

    private static <T> T read(BusMessage m, Class<T> type) {
        try {
            return JSON.readValue(m.payload(), type);
        } catch (IOException e) {
            log.warn("a cluster message on {} did not read ({}); dropped", m.channel(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Bus.Subscription::close);
        timer.shutdownNow();
        pending.values().forEach(p -> p.done.complete(p));
        pending.clear();
    }
}
