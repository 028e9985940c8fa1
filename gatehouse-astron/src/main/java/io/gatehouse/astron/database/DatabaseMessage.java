package io.gatehouse.astron.database;

/** Channels and reply codes of the Database Server (docs/protocol/astron.md, section 10); its message types are {@link io.gatehouse.astron.message.DatabaseMessageType}. */
final class DatabaseMessage {

    /** Every database server also listens here. */
    static final long ALL_DATABASES = 13;
    static final int SUCCESS = 1;
    static final int FAILURE = 0;

    /** The channel a database object's updates are broadcast on: 2 in the high 32 bits, the id below. */
    static long objectChannel(long doId) {
        return 2L << 32 | doId;
    }

    private DatabaseMessage() {
    }
}
