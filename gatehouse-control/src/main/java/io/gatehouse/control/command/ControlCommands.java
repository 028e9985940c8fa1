package io.gatehouse.control.command;

import io.gatehouse.control.message.CommandCode;
import java.util.EnumMap;
import java.util.Map;

/** The one dispatch table of the control front's business commands (STYLE rule 9). */
public final class ControlCommands {

    private final Map<CommandCode, ControlCommand> table = new EnumMap<>(CommandCode.class);

    public ControlCommands() {
        table.put(CommandCode.QUOTE_PROFILE, QuoteStartCommand::handle);
        table.put(CommandCode.QUOTE_TRADING_DAYS, QuoteStartCommand::handle);
        table.put(CommandCode.SUBSCRIBE, TopicCommands::subscribe);
        table.put(CommandCode.UNSUBSCRIBE, TopicCommands::unsubscribe);
        table.put(CommandCode.PUBLISH, TopicCommands::publish);
    }

    /** The command for a wire code, or null when there is none. */
    public ControlCommand get(int wire) {
        CommandCode code = CommandCode.of(wire);
        return code == null ? null : table.get(code);
    }
}
