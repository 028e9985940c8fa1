package io.gatehouse.vcmi.message;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the lobby sends a client (docs/protocol/vcmi.md sections 5 to 8), one record per reply.
 * {@code io.gatehouse.vcmi.codec.LobbyReplyEncoder} writes each as the spec's text. Lists are
 * copied, so a reply does not change once made.
 */
public sealed interface LobbyReply {

    /** The tag the reply is written with. */
    LobbyReplyTag tag();

    /** {@code :>>ERROR:{text}}: one of the spec's texts, with the subject it names (null for a text that takes none). */
    record Error(LobbyError error, String subject) implements LobbyReply {
        public Error {
            Objects.requireNonNull(error, "error");
            if (error.takesSubject() != (subject != null)) {
                throw new IllegalArgumentException(error + (error.takesSubject() ? " needs a subject" : " takes no subject"));
            }
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.ERROR;
        }
    }

    /** {@code :>>MSG:{sender}:{text}}: chat from a sender of protocol below 5. */
    record Chat(String sender, String text) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.MSG;
        }
    }

    /** {@code :>>MSGCH:{sender}:{channel}:{text}}: chat from a sender of protocol 5. */
    record ChannelChat(String sender, String channel, String text) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.MSGCH;
        }
    }

    /** {@code :>>USERS:{n}} then {@code :{name}} per greeted lobby user. */
    record Users(List<String> names) implements LobbyReply {
        public Users {
            names = List.copyOf(names);
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.USERS;
        }
    }

    /** {@code :>>SESSIONS:{n}} then {@code :{room}:{joined}:{total}:{protected}} per room not started. */
    record Sessions(List<Room> rooms) implements LobbyReply {
        public Sessions {
            rooms = List.copyOf(rooms);
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.SESSIONS;
        }

        /** One room of the list; {@code isProtected} when it has a password. */
        public record Room(String name, int joined, int total, boolean isProtected) {
        }
    }

    /** {@code :>>CREATED:{room}}: the host's room is open (COUNT). */
    record Created(String room) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.CREATED;
        }
    }

    /** {@code :>>JOIN:{room}:{user}}: the user joined the room. */
    record Joined(String room, String user) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.JOIN;
        }
    }

    /** {@code :>>STATUS:{joined}} then {@code :{user}:{ready}} per player of a room. */
    record Status(List<Player> players) implements LobbyReply {
        public Status {
            players = List.copyOf(players);
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.STATUS;
        }

        public record Player(String name, boolean ready) {
        }
    }

    /** {@code :>>KICK:{room}:{user}}: the user is out of the room (left, kicked, or the room is gone). */
    record Kicked(String room, String user) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.KICK;
        }
    }

    /** {@code :>>GAMEMODE:{mode}}, the mode in ASCII decimal. */
    record GameMode(BigInteger mode) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.GAMEMODE;
        }
    }

    /** {@code :>>MODS:{n}} then {@code :{name}:{version}} per mod of the room. */
    record Mods(List<Mod> mods) implements LobbyReply {
        public Mods {
            mods = List.copyOf(mods);
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.MODS;
        }

        public record Mod(String name, String version) {
        }
    }

    /**
     * {@code :>>MODSOTHER:{user}:{n}:{parts}} to the host: the parts of a user's MODS list as
     * sent ({@code name&version}), written joined by {@code :} with each {@code &} a {@code :}.
     */
    record ModsOther(String user, List<String> parts) implements LobbyReply {
        public ModsOther {
            parts = List.copyOf(parts);
        }

        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.MODSOTHER;
        }
    }

    /** {@code :>>CHANNEL:{channel}}: the user is now in that chat channel. */
    record ChannelSwitched(String channel) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.CHANNEL;
        }
    }

    /** {@code :>>HOST:{uuid}:{guests}} to the host of a game starting: its pipe uuid and how many players join it. */
    record Host(UUID uuid, int guests) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.HOST;
        }
    }

    /** {@code :>>START:{uuid}} to each player of a game starting: its client pipe uuid. */
    record Start(UUID uuid) implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.START;
        }
    }

    /** {@code :>>HEALTH:}: the client is to answer {@code <ALIVE>} (section 7). */
    record Health() implements LobbyReply {
        @Override
        public LobbyReplyTag tag() {
            return LobbyReplyTag.HEALTH;
        }
    }

    /** A notice from the lobby itself: {@code :>>MSG:System:{text}}. */
    sealed interface Notice extends LobbyReply {

        /** The sender the notices name; no user may take it. */
        String SENDER = "System";

        @Override
        default LobbyReplyTag tag() {
            return LobbyReplyTag.MSG;
        }
    }

    /** {@code {user} is here}, to users of protocol below 4 when a user greets. */
    record Arrived(String user) implements Notice {
    }

    /**
     * {@code Here available {others} users, currently playing {playing}} to a user just greeted,
     * with {@code \n Send <HERE> to see people names in the chat} when {@code hereHint}.
     */
    record Welcome(int others, long playing, boolean hereHint) implements Notice {
    }

    /** {@code You are in the room chat.} */
    record InRoomChat() implements Notice {
    }

    /** {@code Your VCMI version {yours} differs from host version {host}, which may cause problems} */
    record VersionMismatch(String yours, String host) implements Notice {
    }

    /**
     * {@code People in lobby} then {@code \n{name}} per user of the channel, each followed by
     * {@code [room {room}]} when in a room: HERE for protocol below 4.
     */
    record PeopleInLobby(List<Person> people) implements Notice {
        public PeopleInLobby {
            people = List.copyOf(people);
        }

        /** A user of the channel; {@code room} is null when it is in none. */
        public record Person(String name, String room) {
        }
    }

    /** {@code {value}}: the statistic ROOT asked for. */
    record Statistic(long value) implements Notice {
    }
}
