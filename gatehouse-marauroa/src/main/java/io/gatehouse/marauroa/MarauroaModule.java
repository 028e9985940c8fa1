package io.gatehouse.marauroa;

import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.front.ConfigContext;
import io.gatehouse.core.front.FrontModule;

/** The {@code marauroa} front's module: reads the {@code marauroa} section into a {@link MarauroaConfig}. */
public final class MarauroaModule implements FrontModule {

    public static final String NAME = "marauroa";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MarauroaConfig read(ConfigSection m, ConfigContext context) {
        MarauroaConfig d = MarauroaConfig.defaults();
        MarauroaConfig c = new MarauroaConfig(m.bool("enabled", d.enabled()), m.hostPort("bind", d.bind()),
                m.webSocket("websocket", "off"), m.bool("websocket_passwords", d.websocketPasswords()),
                m.string("key_file", d.keyFile()),
                m.integer("key_bits", d.keyBits(), 512, 8192),
                m.string("game_class", d.gameClass()),
                m.string("game_name", d.gameName()),
                m.string("game_version", d.gameVersion()),
                m.strings("server_info", d.serverInfo()),
                m.integer("max_players", d.maxPlayers(), 1, 1_000_000),
                m.integer("max_message_bytes", d.maxMessageBytes(), 1024, 64 * 1024 * 1024),
                m.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                m.duration("failed_login_window", d.failedLoginWindow()),
                m.integer("failed_logins_per_account", d.failedLoginsPerAccount(), 0, 1_000_000),
                m.integer("failed_logins_per_address", d.failedLoginsPerAddress(), 0, 1_000_000),
                m.duration("keepalive_timeout", d.keepAliveTimeout()),
                m.duration("pre_login_timeout", d.preLoginTimeout()),
                m.duration("pre_game_timeout", d.preGameTimeout()),
                m.duration("turn", d.turn()),
                m.integer("max_actions_per_turn", d.maxActionsPerTurn(), 1, 1_000_000),
                m.string("proxy_credentials", d.proxyCredentials()),
                m.strings("banned_addresses", d.bannedAddresses()),
                creationRules(m, d.creation()),
                m.connectionsPerAddress(d.connections().perAddress(), context.limits().exempt()));
        if (c.keyFile().isBlank()) {
            m.problem("key_file", "the RSA key needs a file name");
        }
        m.finish();
        return c;
    }

    private static CreationRules creationRules(ConfigSection m, CreationRules d) {
        return new CreationRules(m.bool("allow_account_creation", d.allowAccounts()),
                m.bool("allow_character_creation", d.allowCharacters()),
                m.integer("account_creation_limit", d.accountsPerAddress(), 0, 1_000_000),
                m.integer("character_creation_limit", d.charactersPerAddress(), 0, 1_000_000),
                m.integer("character_creation_limit_per_account", d.charactersPerAccount(), 0, 1_000_000),
                m.duration("creation_window", d.window()),
                m.strings("creation_limit_exempt", d.exempt()));
    }
}
