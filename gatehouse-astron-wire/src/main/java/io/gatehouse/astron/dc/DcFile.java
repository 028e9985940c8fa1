package io.gatehouse.astron.dc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One or more DC files read into one set of types (as astrond reads its {@code dc_files}
 * list): classes and structs with ids in declaration order, fields with file-wide ids,
 * typedefs, keywords and imports.
 */
public final class DcFile {

    /** The keywords every DC file may use without declaring them. */
    public static final List<String> DEFAULT_KEYWORDS =
            List.of("required", "ram", "db", "broadcast", "clrecv", "clsend", "ownsend", "ownrecv", "airecv");

    private final List<DcStruct> types = new ArrayList<>();
    private final List<DcClass> classes = new ArrayList<>();
    private final List<DcStruct> structs = new ArrayList<>();
    private final Map<String, DcType> byName = new HashMap<>();
    private final List<DcField> fields = new ArrayList<>();
    private final Set<String> keywords = new LinkedHashSet<>(DEFAULT_KEYWORDS);
    private final List<DcImport> imports = new ArrayList<>();
    /** The shared type objects of plain {@code string} and {@code blob}, as Astron's parser keeps them. */
    DcArrayType basicString;
    DcArrayType basicBlob;

    /** Classes and structs in id order. */
    public List<DcStruct> types() {
        return Collections.unmodifiableList(types);
    }

    public List<DcClass> classes() {
        return Collections.unmodifiableList(classes);
    }

    public List<DcStruct> structs() {
        return Collections.unmodifiableList(structs);
    }

    /** The class with that id, or null. */
    public DcClass classById(int id) {
        return id >= 0 && id < types.size() && types.get(id) instanceof DcClass c ? c : null;
    }

    public DcClass classByName(String name) {
        return byName.get(name) instanceof DcClass c ? c : null;
    }

    /** A class, struct or typedef by name, or null. */
    public DcType type(String name) {
        return byName.get(name);
    }

    /** The field with that file-wide id, or null. */
    public DcField field(int id) {
        return id >= 0 && id < fields.size() ? fields.get(id) : null;
    }

    public int fieldCount() {
        return fields.size();
    }

    public Set<String> keywords() {
        return Collections.unmodifiableSet(keywords);
    }

    public List<DcImport> imports() {
        return Collections.unmodifiableList(imports);
    }

    /** Astron's legacy DC hash, the one CLIENT_HELLO carries. */
    public int hash() {
        return DcLegacyHash.of(this);
    }

    boolean hasName(String name) {
        return byName.containsKey(name);
    }

    void addStruct(DcStruct s) {
        s.id(types.size());
        types.add(s);
        byName.put(s.name(), s);
        if (s instanceof DcClass c) {
            classes.add(c);
        } else {
            structs.add(s);
        }
    }

    void addTypedef(String name, DcType type) {
        byName.put(name, type);
    }

    void addField(DcField f) {
        f.id(fields.size());
        fields.add(f);
    }

    void addKeyword(String keyword) {
        keywords.add(keyword);
    }

    boolean hasKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    void addImport(DcImport i) {
        imports.add(i);
    }
}
