package io.gatehouse.astron.eventlog;

/**
 * Where the astron roles send the events astrond's roles send (docs/protocol/astron.md, section
 * 14.2): {@code general.eventlogger} in astrond's file, {@code astron.event_log} in Gatehouse's.
 * Sending never blocks; {@link #NONE} sends nothing, for a node without that key.
 */
public interface EventSender extends AutoCloseable {

    /** Sends nothing. */
    EventSender NONE = new EventSender() {
        @Override
        public void send(LoggedEvent event) {
        }

        @Override
        public void sendPacket(byte[] packet) {
        }

        @Override
        public void close() {
        }
    };

    /** Sends the event, packed as astrond packs its events; dropped (and counted) when it cannot go now. */
    void send(LoggedEvent event);

    /** Sends a packet as it is: what a Message Director link hands over in CONTROL_LOG_MESSAGE. */
    void sendPacket(byte[] packet);

    @Override
    void close();
}
