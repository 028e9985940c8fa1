package io.gatehouse.astron.dc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads DC files (docs/protocol/astron.md, "DC files") into a {@link DcFile}: a recursive
 * descent over Astron's grammar. Ids are given as Astron gives them: a field's when it is
 * added to its class or struct, a class's or struct's when its declaration closes. The first
 * error stops the read with a {@link DcSyntaxException} naming file, line and column.
 */
public final class DcParser {

    private final DcFile file;
    private final String source;
    private final List<DcToken> tokens;
    private int at;

    private DcParser(DcFile file, String source, String text) {
        this.file = file;
        this.source = source;
        this.tokens = new DcLexer(source, text).tokens();
    }

    /** Reads the files, in order, into one {@link DcFile}. */
    public static DcFile read(List<Path> files) {
        DcFile dc = new DcFile();
        for (Path p : files) {
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DcSyntaxException(p.toString(), 0, 0, "cannot read: " + e.getMessage());
            }
            new DcParser(dc, p.toString(), text).file();
        }
        return dc;
    }

    /** Reads DC text; {@code source} names it in errors. */
    public static DcFile parse(String source, String text) {
        DcFile dc = new DcFile();
        new DcParser(dc, source, text).file();
        return dc;
    }

    // ---- declarations -------------------------------------------------------------------------

    private void file() {
        while (peek().kind() != DcToken.Kind.END) {
            DcToken t = peek();
            if (t.is(";")) {
                next();
            } else if (t.isWord("dclass")) {
                dclass();
            } else if (t.isWord("struct")) {
                struct();
            } else if (t.isWord("import") || t.isWord("from")) {
                importDecl();
            } else if (t.isWord("typedef")) {
                typedef();
            } else if (t.isWord("keyword")) {
                next();
                while (peek().kind() == DcToken.Kind.IDENTIFIER && !peek().isWord("dclass") && !peek().isWord("struct")
                        && !peek().isWord("typedef") && !peek().isWord("from") && !peek().isWord("import") && !peek().isWord("keyword")) {
                    file.addKeyword(next().text());
                }
            } else {
                throw error(t, "expected dclass, struct, typedef, keyword or import, found " + t.describe());
            }
        }
    }

    private void importDecl() {
        boolean from = next().isWord("from");
        String module = dotted();
        List<String> symbols = new ArrayList<>();
        if (from) {
            expectWord("import");
            if (peek().is("*")) {
                next();
            } else {
                symbols.add(alternatives());
                while (peek().is(",")) {
                    next();
                    symbols.add(alternatives());
                }
            }
        }
        file.addImport(new DcImport(module, symbols));
    }

    private String dotted() {
        StringBuilder b = new StringBuilder(alternatives());
        while (peek().is(".")) {
            next();
            b.append('.').append(alternatives());
        }
        return b.toString();
    }

    private String alternatives() {
        StringBuilder b = new StringBuilder(identifier("a name"));
        while (peek().is("/")) {
            next();
            b.append('/').append(identifier("a name"));
        }
        return b.toString();
    }

    private void typedef() {
        next();
        DcType type = nonMethodType();
        DcToken name = peek();
        String n = identifier("the typedef's name");
        while (peek().is("[")) {
            type = new DcArrayType(type, arrayRangeInBrackets());
        }
        if (file.hasName(n)) {
            throw error(name, "cannot add typedef " + n + ": the name is already used");
        }
        type.alias(n);
        file.addTypedef(n, type);
    }

    private void dclass() {
        next();
        DcToken nameToken = peek();
        DcClass c = new DcClass(identifier("the class name"));
        if (peek().is(":")) {
            next();
            c.addParent(definedClass());
            while (peek().is(",")) {
                next();
                c.addParent(definedClass());
            }
        }
        body(c, "dclass", nameToken, () -> classField(c));
    }

    /**
     * {@code { field; ... }}: each field is added to its class or struct, then to the file
     * (which gives its id); the declaration itself joins the file (and gets its id) at the end.
     */
    private void body(DcStruct s, String keyword, DcToken nameToken, Supplier<DcField> field) {
        expect("{");
        while (!peek().is("}")) {
            if (peek().is(";")) {
                next();
                continue;
            }
            DcToken start = peek();
            DcField f = field.get();
            expect(";");
            String problem = s.add(f);
            if (problem != null) {
                throw error(start, problem);
            }
            file.addField(f);
        }
        next();
        if (file.hasName(s.name())) {
            throw error(nameToken, "cannot add " + keyword + " " + s.name() + ": the name is already used");
        }
        file.addStruct(s);
    }

    private DcClass definedClass() {
        DcToken t = peek();
        String n = identifier("a parent class");
        DcType type = file.type(n);
        if (type == null) {
            throw error(t, "dclass " + n + " has not been declared");
        }
        if (!(type instanceof DcClass c)) {
            throw error(t, "a class cannot inherit from " + (type instanceof DcStruct ? "struct " : "non-class type ") + n);
        }
        return c;
    }

    private void struct() {
        next();
        DcToken nameToken = peek();
        DcStruct s = new DcStruct(identifier("the struct name"));
        body(s, "struct", nameToken, this::structField);
    }

    // ---- fields -------------------------------------------------------------------------------

    private DcField classField(DcClass c) {
        DcToken first = peek();
        if (first.kind() == DcToken.Kind.IDENTIFIER && peek(1).is(":")) {
            return molecular(c);
        }
        DcField f = namedField();
        if (f.name().isEmpty()) {
            throw error(first, "an unnamed field can't be defined in a class");
        }
        while (peek().kind() == DcToken.Kind.IDENTIFIER) {
            DcToken k = next();
            if (!file.hasKeyword(k.text())) {
                throw error(k, "keyword '" + k.text() + "' has not been declared");
            }
            f.addKeyword(k.text());
        }
        return f;
    }

    private DcMolecularField molecular(DcClass c) {
        String name = next().text();
        next();
        List<DcField> parts = new ArrayList<>();
        do {
            if (!parts.isEmpty()) {
                next();
            }
            DcToken t = peek();
            String n = identifier("a field name");
            DcField part = c.field(n);
            if (part == null) {
                throw error(t, "field '" + n + "' is not defined in the current class");
            }
            if (part.isMolecular()) {
                throw error(t, "cannot add molecular '" + n + "' to a molecular field");
            }
            if (!parts.isEmpty() && !parts.get(0).keywords().equals(part.keywords())) {
                throw error(t, "mismatched keywords in molecular between " + parts.get(0).name() + " and " + n);
            }
            parts.add(part);
        } while (peek().is(","));
        return new DcMolecularField(name, parts);
    }

    /** A field with a name: {@code type name[...] = value}, or {@code name(params) = (values)}. */
    private DcField namedField() {
        if (peek().kind() == DcToken.Kind.IDENTIFIER && peek(1).is("(") && !isTypeName(peek().text())) {
            String name = next().text();
            DcMethodType method = method();
            DcField f = new DcField(name, method);
            if (peek().is("=")) {
                next();
                f.defaultValue(new DcValueReader(this).read(method));
            } else {
                f.defaultValue(DcDefaults.of(method));
            }
            return f;
        }
        DcType type = nonMethodType();
        String name = identifier("a field name");
        while (peek().is("[")) {
            type = new DcArrayType(type, arrayRangeInBrackets());
        }
        DcField f = new DcField(name, type);
        if (peek().is("=")) {
            next();
            f.defaultValue(new DcValueReader(this).read(type));
        } else {
            f.defaultValue(DcDefaults.of(type));
        }
        return f;
    }

    private DcField structField() {
        DcToken first = peek();
        boolean unnamed = !(first.kind() == DcToken.Kind.IDENTIFIER && peek(1).is("(") && !isTypeName(first.text()));
        if (unnamed) {
            int save = at;
            DcType type = nonMethodType();
            if (peek().kind() != DcToken.Kind.IDENTIFIER) {
                DcField f = new DcField("", type);
                if (peek().is("=")) {
                    next();
                    f.defaultValue(new DcValueReader(this).read(type));
                } else {
                    f.defaultValue(DcDefaults.of(type));
                }
                return f;
            }
            at = save;
        }
        return namedField();
    }

    private DcMethodType method() {
        expect("(");
        List<DcParameter> params = new ArrayList<>();
        if (!peek().is(")")) {
            params.add(parameter(params));
            while (peek().is(",")) {
                next();
                params.add(parameter(params));
            }
        }
        expect(")");
        return new DcMethodType(params);
    }

    private DcParameter parameter(List<DcParameter> earlier) {
        DcType type = nonMethodType(false);
        String name = "";
        if (peek().is("[")) {
            // an unnamed parameter may have an array type; a named one takes its sizes after the name
            while (peek().is("[")) {
                type = new DcArrayType(type, arrayRangeInBrackets());
            }
            if (peek().kind() == DcToken.Kind.IDENTIFIER) {
                throw error(peek(), "a named parameter takes its array size after the name: " + peek().text() + "[...]");
            }
        } else if (peek().kind() == DcToken.Kind.IDENTIFIER) {
            DcToken n = next();
            name = n.text();
            for (DcParameter p : earlier) {
                if (p.name().equals(name)) {
                    throw error(n, "cannot add parameter '" + name + "', a parameter with that name is already used in this method");
                }
            }
            while (peek().is("[")) {
                type = new DcArrayType(type, arrayRangeInBrackets());
            }
        }
        byte[] dflt = null;
        if (peek().is("=")) {
            next();
            dflt = new DcValueReader(this).read(type);
        }
        return new DcParameter(type, name, dflt);
    }

    // ---- types --------------------------------------------------------------------------------

    private boolean isTypeName(String word) {
        return numericKind(word) != null || word.equals("string") || word.equals("blob") || file.type(word) != null;
    }

    private static DcKind numericKind(String word) {
        return switch (word) {
            case "int8" -> DcKind.INT8;
            case "int16" -> DcKind.INT16;
            case "int32" -> DcKind.INT32;
            case "int64" -> DcKind.INT64;
            case "uint8" -> DcKind.UINT8;
            case "uint16" -> DcKind.UINT16;
            case "uint32" -> DcKind.UINT32;
            case "uint64" -> DcKind.UINT64;
            case "char" -> DcKind.CHAR;
            case "float32" -> DcKind.FLOAT32;
            case "float64" -> DcKind.FLOAT64;
            default -> null;
        };
    }

    /** A type that is not a method, with any {@code [range]} suffixes. */
    private DcType nonMethodType() {
        return nonMethodType(true);
    }

    private DcType nonMethodType(boolean withArraySuffixes) {
        DcToken t = peek();
        if (t.kind() != DcToken.Kind.IDENTIFIER) {
            throw error(t, "expected a type, found " + t.describe());
        }
        DcType type;
        DcKind kind = numericKind(t.text());
        if (kind != null) {
            next();
            type = numeric(kind);
        } else if (t.text().equals("string") || t.text().equals("blob")) {
            next();
            boolean string = t.text().equals("string");
            if (peek().is("(")) {
                next();
                long[] range = arrayRange();
                expect(")");
                type = new DcArrayType(new DcNumericType(string ? DcKind.CHAR : DcKind.UINT8), range);
                type.alias(t.text());
            } else {
                type = string ? basicString() : basicBlob();
            }
        } else {
            next();
            type = file.type(t.text());
            if (type == null) {
                throw error(t, "type '" + t.text() + "' has not been declared");
            }
        }
        while (withArraySuffixes && peek().is("[")) {
            type = new DcArrayType(type, arrayRangeInBrackets());
        }
        return type;
    }

    private DcArrayType basicString() {
        if (file.basicString == null) {
            file.basicString = new DcArrayType(new DcNumericType(DcKind.CHAR), null);
            file.basicString.alias("string");
        }
        return file.basicString;
    }

    private DcArrayType basicBlob() {
        if (file.basicBlob == null) {
            file.basicBlob = new DcArrayType(new DcNumericType(DcKind.UINT8), null);
            file.basicBlob.alias("blob");
        }
        return file.basicBlob;
    }

    private DcNumericType numeric(DcKind kind) {
        DcNumericType n = new DcNumericType(kind);
        if (peek().is("%")) {
            DcToken t = next();
            double m = number();
            if (m <= 0.0) {
                throw error(t, "invalid modulus for type");
            }
            n.modulus(m);
        }
        if (peek().is("/")) {
            DcToken t = next();
            long d = unsigned();
            if (d == 0 || d > Integer.MAX_VALUE) {
                throw error(t, "invalid divisor for type");
            }
            n.divisor((int) d);
        }
        if (peek().is("(")) {
            next();
            if (!peek().is(")")) {
                double min = charOrNumber();
                double max = min;
                if (peek().is("-")) {
                    next();
                    max = charOrNumber();
                }
                n.range(new DcRange(min, max));
            }
            expect(")");
        }
        return n;
    }

    private long[] arrayRangeInBrackets() {
        expect("[");
        long[] r = arrayRange();
        expect("]");
        return r;
    }

    /** {@code n}, {@code min-max}, or nothing (null). */
    private long[] arrayRange() {
        if (peek().is("]") || peek().is(")")) {
            return null;
        }
        long min = charOrUnsigned();
        long max = min;
        if (peek().is("-")) {
            next();
            max = charOrUnsigned();
        }
        return new long[] {min, max};
    }

    private long charOrUnsigned() {
        return peek().kind() == DcToken.Kind.CHAR ? charValue() : unsigned();
    }

    private double charOrNumber() {
        return peek().kind() == DcToken.Kind.CHAR ? charValue() : number();
    }

    /** Takes a {@code 'c'} token and returns its byte value. */
    int charValue() {
        DcToken t = next();
        if (t.kind() != DcToken.Kind.CHAR || t.text().length() != 1) {
            throw error(t, "single character required");
        }
        return t.text().charAt(0) & 0xFF;
    }

    private long unsigned() {
        DcToken t = next();
        if (t.kind() != DcToken.Kind.UNSIGNED_INTEGER) {
            throw error(t, "expected an unsigned integer, found " + t.describe());
        }
        if (t.integer() < 0 || t.integer() > 0xFFFF_FFFFL) {
            throw error(t, "number out of range");
        }
        return t.integer();
    }

    /** An integer or real, with an optional sign, as a double. */
    double number() {
        DcToken t = next();
        double sign = 1;
        if (t.is("-") || t.is("+")) {
            sign = t.is("-") ? -1 : 1;
            t = next();
        }
        if (t.kind() == DcToken.Kind.UNSIGNED_INTEGER || t.kind() == DcToken.Kind.REAL) {
            return sign * t.real();
        }
        throw error(t, "expected a number, found " + t.describe());
    }

    // ---- tokens -------------------------------------------------------------------------------

    DcToken peek() {
        return tokens.get(at);
    }

    DcToken peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    DcToken next() {
        DcToken t = tokens.get(at);
        if (t.kind() != DcToken.Kind.END) {
            at++;
        }
        return t;
    }

    void expect(String punct) {
        DcToken t = next();
        if (!t.is(punct)) {
            throw error(t, "expected '" + punct + "', found " + t.describe());
        }
    }

    private void expectWord(String word) {
        DcToken t = next();
        if (!t.isWord(word)) {
            throw error(t, "expected '" + word + "', found " + t.describe());
        }
    }

    private String identifier(String what) {
        DcToken t = next();
        if (t.kind() != DcToken.Kind.IDENTIFIER) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t.text();
    }

    DcSyntaxException error(DcToken at, String message) {
        return new DcSyntaxException(source, at.line(), at.column(), message);
    }
}
