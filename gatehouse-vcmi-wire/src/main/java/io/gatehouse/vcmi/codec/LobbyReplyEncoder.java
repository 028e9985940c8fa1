package io.gatehouse.vcmi.codec;

import io.gatehouse.vcmi.message.LobbyReply;
import io.gatehouse.vcmi.message.LobbyReply.Arrived;
import io.gatehouse.vcmi.message.LobbyReply.ChannelChat;
import io.gatehouse.vcmi.message.LobbyReply.ChannelSwitched;
import io.gatehouse.vcmi.message.LobbyReply.Chat;
import io.gatehouse.vcmi.message.LobbyReply.Created;
import io.gatehouse.vcmi.message.LobbyReply.GameMode;
import io.gatehouse.vcmi.message.LobbyReply.Health;
import io.gatehouse.vcmi.message.LobbyReply.Host;
import io.gatehouse.vcmi.message.LobbyReply.InRoomChat;
import io.gatehouse.vcmi.message.LobbyReply.Joined;
import io.gatehouse.vcmi.message.LobbyReply.Kicked;
import io.gatehouse.vcmi.message.LobbyReply.Mods;
import io.gatehouse.vcmi.message.LobbyReply.ModsOther;
import io.gatehouse.vcmi.message.LobbyReply.Notice;
import io.gatehouse.vcmi.message.LobbyReply.PeopleInLobby;
import io.gatehouse.vcmi.message.LobbyReply.Sessions;
import io.gatehouse.vcmi.message.LobbyReply.Start;
import io.gatehouse.vcmi.message.LobbyReply.Statistic;
import io.gatehouse.vcmi.message.LobbyReply.Status;
import io.gatehouse.vcmi.message.LobbyReply.Users;
import io.gatehouse.vcmi.message.LobbyReply.VersionMismatch;
import io.gatehouse.vcmi.message.LobbyReply.Welcome;

/**
 * Writes a lobby reply as the text of docs/protocol/vcmi.md section 5: {@code :>>}, the tag,
 * {@code :}, the fields joined by {@code :}, booleans as Python prints them. Pure, with no state:
 * the lobby encodes a reply once and writes the text to each recipient in its own encoding
 * ({@link LobbyEncoding}); replies have no framing.
 */
public final class LobbyReplyEncoder {

    /** What every reply starts with, so that a client can split the stream on it (section 1). */
    public static final String MARKER = ":>>";

    private LobbyReplyEncoder() {
    }

    public static String text(LobbyReply reply) {
        StringBuilder b = new StringBuilder(64).append(MARKER).append(reply.tag().name()).append(':');
        if (reply instanceof Notice n) {
            notice(n, b.append(Notice.SENDER).append(':'));
        } else {
            fields(reply, b);
        }
        return b.toString();
    }

    private static void fields(LobbyReply reply, StringBuilder b) {
        if (reply instanceof LobbyReply.Error e) {
            b.append(e.error().text(e.subject()));
        } else if (reply instanceof Chat m) {
            b.append(m.sender()).append(':').append(m.text());
        } else if (reply instanceof ChannelChat m) {
            b.append(m.sender()).append(':').append(m.channel()).append(':').append(m.text());
        } else if (reply instanceof Users u) {
            b.append(u.names().size());
            u.names().forEach(name -> b.append(':').append(name));
        } else if (reply instanceof Sessions s) {
            b.append(s.rooms().size());
            for (Sessions.Room r : s.rooms()) {
                b.append(':').append(r.name()).append(':').append(r.joined()).append(':').append(r.total())
                        .append(':').append(python(r.isProtected()));
            }
        } else if (reply instanceof Created c) {
            b.append(c.room());
        } else if (reply instanceof Joined j) {
            b.append(j.room()).append(':').append(j.user());
        } else if (reply instanceof Status s) {
            b.append(s.players().size());
            s.players().forEach(p -> b.append(':').append(p.name()).append(':').append(python(p.ready())));
        } else if (reply instanceof Kicked k) {
            b.append(k.room()).append(':').append(k.user());
        } else if (reply instanceof GameMode g) {
            b.append(g.mode());
        } else if (reply instanceof Mods m) {
            b.append(m.mods().size());
            m.mods().forEach(mod -> b.append(':').append(mod.name()).append(':').append(mod.version()));
        } else if (reply instanceof ModsOther m) {
            b.append(m.user()).append(':').append(m.parts().size()).append(':')
                    .append(String.join(":", m.parts()).replace('&', ':'));
        } else if (reply instanceof ChannelSwitched c) {
            b.append(c.channel());
        } else if (reply instanceof Host h) {
            b.append(h.uuid()).append(':').append(h.guests());
        } else if (reply instanceof Start s) {
            b.append(s.uuid());
        } else if (!(reply instanceof Health)) {
            throw new IllegalArgumentException("no text for " + reply);
        }
    }

    private static void notice(Notice notice, StringBuilder b) {
        if (notice instanceof Arrived a) {
            b.append(a.user()).append(" is here");
        } else if (notice instanceof Welcome w) {
            b.append("Here available ").append(w.others()).append(" users, currently playing ").append(w.playing());
            if (w.hereHint()) {
                b.append("\n Send <HERE> to see people names in the chat");
            }
        } else if (notice instanceof InRoomChat) {
            b.append("You are in the room chat.");
        } else if (notice instanceof VersionMismatch v) {
            b.append("Your VCMI version ").append(v.yours()).append(" differs from host version ").append(v.host())
                    .append(", which may cause problems");
        } else if (notice instanceof PeopleInLobby p) {
            b.append("People in lobby");
            for (PeopleInLobby.Person person : p.people()) {
                b.append('\n').append(person.name());
                if (person.room() != null) {
                    b.append("[room ").append(person.room()).append(']');
                }
            }
        } else if (notice instanceof Statistic s) {
            b.append(s.value());
        } else {
            throw new IllegalArgumentException("no text for " + notice);
        }
    }

    /** Python's spelling of a boolean. */
    private static String python(boolean b) {
        return b ? "True" : "False";
    }
}
