package io.gatehouse.bench.soak;

import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;

/**
 * The soak's astron world and its names: the DC file, a login UberDOG that clients may use
 * before they are established, a zone holding one board whose field the game server updates,
 * and the channels of the Message Director's slow readers.
 */
final class SoakWorld {

    static final String VERSION = "soak";
    static final String DC_TEXT = """
            dclass LoginManager {
                login(string user) clsend;
            };
            dclass Zone {
            };
            dclass Board {
                setData(blob) broadcast ram;
            };
            """;
    static final long STATE_SERVER = 402_000;
    static final long GAME_SERVER = 777;
    static final long LOGIN = 4665;
    static final long ZONE_PARENT = 5000;
    static final long ZONE = 1;
    static final long BOARD = 6000;
    /** Slow Message Director readers subscribe to this channel plus their slot. */
    static final long SLOW_MD_CHANNELS = 9_000_000;
    /** Churning Message Director participants subscribe to this channel plus their cycle number modulo 1000. */
    static final long CHURN_MD_CHANNELS = 8_000_000;
    /** The user name a login carries: {@code churn} is made established, {@code slow} is given interest in the zone. */
    static final String CHURN_USER = "churn";
    static final String SLOW_USER = "slow";
    /** The client datagram type the game server sends a churning client once it is established. */
    static final int WELCOME = 999;

    static final DcFile DC = DcParser.parse("soak.dc", DC_TEXT);

    private SoakWorld() {
    }

    static int loginField() {
        return DC.classByName("LoginManager").field("login").id();
    }

    static int boardField() {
        return DC.classByName("Board").field("setData").id();
    }

    /** The astron section of the server's config. */
    static String config(String dcPath) {
        return "astron:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  md_bind: \"127.0.0.1:0\"\n  version: " + VERSION + "\n"
                + "  interests: enabled\n  dc_files: [\"" + dcPath + "\"]\n"
                + "  anonymous_uberdogs: [{id: " + LOGIN + ", class: LoginManager}]\n";
    }
}
