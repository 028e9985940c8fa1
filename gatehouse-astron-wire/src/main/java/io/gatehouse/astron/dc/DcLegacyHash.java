package io.gatehouse.astron.dc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * Astron's "legacy" DC hash, the value a client sends in CLIENT_HELLO (docs/protocol/astron.md,
 * "The DC hash"). A running sum, modulo 2^32, of each number the walk below meets multiplied
 * by the next of the first 10,000 primes (cycling); a string counts as its byte length, then
 * each byte as a signed char.
 */
final class DcLegacyHash {

    private static final int PRIME_COUNT = 10_000;
    private static final int[] PRIMES = primes(PRIME_COUNT);

    // Type codes of the old parser, which the hash uses instead of today's.
    private static final int L_INT8 = 0;
    private static final int L_INT16 = 1;
    private static final int L_INT32 = 2;
    private static final int L_INT64 = 3;
    private static final int L_UINT8 = 4;
    private static final int L_UINT16 = 5;
    private static final int L_UINT32 = 6;
    private static final int L_UINT64 = 7;
    private static final int L_FLOAT64 = 8;
    private static final int L_STRING = 9;
    private static final int L_BLOB = 10;
    private static final int L_CHAR = 19;

    /** Keyword flags; a field using any other keyword hashes its keyword names instead. */
    private static final List<String> FLAG_KEYWORDS =
            List.of("required", "broadcast", "ownrecv", "ram", "db", "clsend", "clrecv", "ownsend", "airecv");

    private int hash;
    private int index;

    private DcLegacyHash() {
    }

    static int of(DcFile file) {
        DcLegacyHash h = new DcLegacyHash();
        h.file(file);
        return h.hash;
    }

    private void addInt(int n) {
        hash += PRIMES[index] * n;
        index = (index + 1) % PRIME_COUNT;
    }

    private void addString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        addInt(bytes.length);
        for (byte b : bytes) {
            addInt(b);
        }
    }

    private void file(DcFile file) {
        addInt(1);
        addInt(file.types().size());
        for (DcStruct t : file.types()) {
            struct(t);
        }
    }

    private void struct(DcStruct s) {
        if (s instanceof DcClass c) {
            addString(c.name());
            addInt(c.parents().size());
            for (DcClass p : c.parents()) {
                addInt(p.id());
            }
            if (c.constructor() != null) {
                field(c.constructor());
            }
        } else {
            addString(s.name());
            addInt(1);
            addInt(0);
        }
        addInt(s.declaredFields().size());
        for (DcField f : s.declaredFields()) {
            field(f);
        }
    }

    private void field(DcField f) {
        if (f instanceof DcMolecularField m) {
            addString(m.name());
            addInt(m.id());
            addInt(m.fields().size());
            for (DcField part : m.fields()) {
                field(part);
            }
            return;
        }
        if (f.type() instanceof DcMethodType method) {
            addString(f.name());
            addInt(f.id());
            addInt(method.parameters().size());
            for (DcParameter p : method.parameters()) {
                type(p.type());
            }
            keywords(f);
            return;
        }
        if (!f.keywords().isEmpty()) {
            keywords(f);
        }
        type(f.type());
    }

    private void keywords(DcField f) {
        int flags = 0;
        for (String k : f.keywords()) {
            int i = FLAG_KEYWORDS.indexOf(k);
            if (i < 0) {
                flags = ~0;
                break;
            }
            flags |= 1 << i;
        }
        if (flags != ~0) {
            addInt(flags);
            return;
        }
        addInt(f.keywords().size());
        for (String k : new TreeSet<>(f.keywords())) {
            addString(k);
        }
    }

    private void type(DcType t) {
        switch (t.kind()) {
            case STRUCT -> struct((DcStruct) t);
            case ARRAY, VARARRAY -> {
                DcArrayType a = (DcArrayType) t;
                type(a.element());
                range(a);
            }
            case BLOB, VARBLOB -> {
                addInt("blob".equals(t.alias()) ? L_BLOB : L_UINT8);
                addInt(1);
                range((DcArrayType) t);
            }
            case STRING, VARSTRING -> {
                addInt("string".equals(t.alias()) ? L_STRING : L_CHAR);
                addInt(1);
                range((DcArrayType) t);
            }
            case INT8 -> integer(L_INT8, (DcNumericType) t);
            case INT16 -> integer(L_INT16, (DcNumericType) t);
            case INT32 -> integer(L_INT32, (DcNumericType) t);
            case INT64 -> integer(L_INT64, (DcNumericType) t);
            case UINT8 -> integer(L_UINT8, (DcNumericType) t);
            case UINT16 -> integer(L_UINT16, (DcNumericType) t);
            case UINT32 -> integer(L_UINT32, (DcNumericType) t);
            case UINT64 -> integer(L_UINT64, (DcNumericType) t);
            case CHAR -> integer(L_CHAR, (DcNumericType) t);
            case FLOAT64 -> {
                DcNumericType n = (DcNumericType) t;
                addInt(L_FLOAT64);
                addInt(n.divisor());
                if (n.hasModulus()) {
                    addInt((int) (n.modulus() * n.divisor()));
                }
                if (n.hasRange()) {
                    addInt(1);
                    addInt((int) (n.range().min() * n.divisor()));
                    addInt((int) (n.range().max() * n.divisor()));
                }
            }
            case FLOAT32 -> {
                // The old parser had no float32: it adds nothing to the hash.
            }
            case METHOD -> throw new IllegalStateException("a method type inside a type");
        }
    }

    private void range(DcArrayType a) {
        if (a.hasRange()) {
            addInt(1);
            addInt((int) a.minSize());
            addInt((int) a.maxSize());
        }
    }

    private void integer(int code, DcNumericType n) {
        addInt(code);
        addInt(n.divisor());
        if (n.hasModulus()) {
            addInt((int) (long) Math.floor(n.modulus() * n.divisor() + 0.5));
        }
        if (n.hasRange()) {
            addInt(1);
            addInt((int) Math.floor(n.range().min() * n.divisor() + 0.5));
            addInt((int) Math.floor(n.range().max() * n.divisor() + 0.5));
        }
    }

    private static int[] primes(int count) {
        int[] p = new int[count];
        p[0] = 2;
        int n = 1;
        for (int candidate = 3; n < count; candidate += 2) {
            boolean prime = true;
            for (int j = 0; (long) p[j] * p[j] <= candidate; j++) {
                if (candidate % p[j] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                p[n++] = candidate;
            }
        }
        return p;
    }
}
