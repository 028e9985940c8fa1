package io.gatehouse.astron.database;

/** Message types of the Database Server (docs/protocol/astron.md, section 10). */
final class DatabaseMessage {

    static final int CREATE_OBJECT = 3000;
    static final int CREATE_OBJECT_RESP = 3001;
    static final int GET_FIELD = 3010;
    static final int GET_FIELD_RESP = 3011;
    static final int GET_FIELDS = 3012;
    static final int GET_FIELDS_RESP = 3013;
    static final int GET_ALL = 3014;
    static final int GET_ALL_RESP = 3015;
    static final int SET_FIELD = 3020;
    static final int SET_FIELDS = 3021;
    static final int SET_FIELD_IF_EQUALS = 3022;
    static final int SET_FIELD_IF_EQUALS_RESP = 3023;
    static final int SET_FIELDS_IF_EQUALS = 3024;
    static final int SET_FIELDS_IF_EQUALS_RESP = 3025;
    static final int SET_FIELD_IF_EMPTY = 3026;
    static final int SET_FIELD_IF_EMPTY_RESP = 3027;
    static final int DELETE_FIELD = 3030;
    static final int DELETE_FIELDS = 3031;
    static final int DELETE = 3032;

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
