package io.gatehouse.astron.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the parser makes of a realistic DC file (src/test/resources/dc/game.dc). */
class DcParserTest {

    static DcFile dc;

    @BeforeAll
    static void read() {
        dc = DcParser.read(List.of(DcHashTest.dc("game.dc")));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void parameterDefaultsMakeTheFieldsDefault() {
        DcFile f = DcParser.parse("defaults.dc", """
                struct Pair {
                    uint8 a;
                    uint16 b = 9;
                };
                struct Plain {
                    uint8 a;
                };
                dclass D {
                    setRDbD5(uint8 rdbd = 20) required db;
                    setTwo(int16 x, uint32 y = 5, string s) db;
                    setNone(uint8 n, string s) db;
                    setPair(Pair p) db;
                    Pair pair db;
                    Plain plain db;
                    setWhole(uint8 a = 1, uint8 b = 2) = (3, 4) db;
                };
                """);
        DcClass d = f.classByName("D");
        assertThat(d.field("setRDbD5").defaultValue()).containsExactly(20);
        assertThat(d.field("setTwo").defaultValue()).as("the others take their type's zero").isEqualTo(hex("0000 05000000 0000"));
        assertThat(d.field("setNone").defaultValue()).as("no default written anywhere").isNull();
        assertThat(d.field("setPair").defaultValue()).as("a struct member's default counts").isEqualTo(hex("00 0900"));
        assertThat(d.field("pair").defaultValue()).isEqualTo(hex("00 0900"));
        assertThat(d.field("plain").defaultValue()).isNull();
        assertThat(d.field("setWhole").defaultValue()).as("a default on the field wins").isEqualTo(hex("03 04"));
    }

    @Test
    void classesAndStructsShareOneIdSpaceInDeclarationOrder() {
        assertThat(dc.types()).extracting(DcStruct::name).containsExactly(
                "Vec3", "Item", "DistributedObject", "DistributedNode", "DistributedAvatar", "DistributedZone", "GameManager",
                "DistributedHero");
        assertThat(dc.classById(2).name()).isEqualTo("DistributedObject");
        assertThat(dc.classById(0)).as("a struct is no class").isNull();
        assertThat(dc.classes()).hasSize(6);
        assertThat(dc.structs()).extracting(DcStruct::name).containsExactly("Vec3", "Item");
    }

    @Test
    void fieldIdsRunAcrossTheFileInDeclarationOrder() {
        assertThat(dc.field(0).name()).isEqualTo("x");
        assertThat(dc.field(0).owner().name()).isEqualTo("Vec3");
        DcClass node = dc.classByName("DistributedNode");
        assertThat(node.declaredFields()).extracting(DcField::name).containsExactly("setX", "setY", "setH", "setXY", "setXYH");
        assertThat(node.declaredFields()).extracting(DcField::id).containsExactly(7, 8, 9, 10, 11);
        assertThat(dc.field(6).name()).isEqualTo("setParentingRules");
    }

    @Test
    void inheritedFieldsComeInIdOrderAndOwnFieldsShadowThem() {
        DcClass hero = dc.classByName("DistributedHero");
        assertThat(hero.parents()).extracting(DcClass::name).containsExactly("DistributedAvatar", "GameManager");
        List<DcField> all = hero.fields();
        assertThat(all.get(0).name()).isEqualTo("setParentingRules");
        assertThat(all).extracting(DcField::id).isSorted();
        DcField name = hero.field("setName");
        assertThat(name.owner()).isSameAs(hero);
        assertThat(all).filteredOn(f -> f.name().equals("setName")).hasSize(1);
        assertThat(hero.field("motd").owner().name()).isEqualTo("GameManager");
        assertThat(hero.isA(dc.classByName("DistributedObject"))).isTrue();
        assertThat(dc.classByName("DistributedZone").isA(dc.classByName("DistributedObject"))).isFalse();
    }

    @Test
    void constructorMolecularAndKeywords() {
        DcClass avatar = dc.classByName("DistributedAvatar");
        assertThat(avatar.constructor().name()).isEqualTo("DistributedAvatar");
        assertThat(avatar.declaredFields()).extracting(DcField::name).doesNotContain("DistributedAvatar");
        DcMolecularField xyh = (DcMolecularField) avatar.field("setXYH");
        assertThat(xyh.fields()).extracting(DcField::name).containsExactly("setX", "setY", "setH");
        assertThat(xyh.keywords()).containsExactly("broadcast", "ram");
        assertThat(avatar.field("setName").keywords()).containsExactly("required", "broadcast", "ram", "db");
        assertThat(avatar.field("setInventory").hasKeyword("ownrecv")).isTrue();
    }

    @Test
    void typesRangesDivisorsAndModuli() {
        DcClass avatar = dc.classByName("DistributedAvatar");
        DcNumericType h = (DcNumericType) ((DcMethodType) avatar.field("setH").type()).parameters().get(0).type();
        assertThat(h.kind()).isEqualTo(DcKind.INT16);
        assertThat(h.modulus()).isEqualTo(360.0);
        assertThat(h.divisor()).isEqualTo(10);
        DcNumericType x = (DcNumericType) ((DcMethodType) avatar.field("setX").type()).parameters().get(0).type();
        assertThat(x.alias()).isEqualTo("fixedCoord");
        assertThat(x.divisor()).isEqualTo(10);
        DcNumericType hp = (DcNumericType) ((DcMethodType) avatar.field("setLife").type()).parameters().get(0).type();
        assertThat(hp.range()).isEqualTo(new DcRange(-100, 100));

        List<DcParameter> blob = ((DcMethodType) avatar.field("setBlob").type()).parameters();
        assertThat(blob).extracting(p -> p.type().kind()).containsExactly(DcKind.VARBLOB, DcKind.BLOB, DcKind.CHAR, DcKind.STRING);
        assertThat(blob.get(1).type().fixedSize()).isEqualTo(8);
        DcArrayType inventory = (DcArrayType) ((DcMethodType) avatar.field("setInventory").type()).parameters().get(0).type();
        assertThat(inventory.kind()).isEqualTo(DcKind.VARARRAY);
        assertThat(inventory.maxSize()).isEqualTo(20);
        assertThat(inventory.element()).isSameAs(dc.type("Item"));
        DcArrayType friends = (DcArrayType) ((DcMethodType) avatar.field("setFriends").type()).parameters().get(0).type();
        assertThat(friends.alias()).isEqualTo("doIdList");
        DcArrayType cells = (DcArrayType) ((DcMethodType) dc.classByName("DistributedZone").field("setGrid").type())
                .parameters().get(0).type();
        assertThat(cells.kind()).isEqualTo(DcKind.ARRAY);
        assertThat(cells.fixedSize()).isEqualTo(9);
        assertThat(((DcStruct) dc.type("Vec3")).fixedSize()).isEqualTo(24);
        assertThat(((DcStruct) dc.type("Item")).hasFixedSize()).isFalse();
    }

    @Test
    void defaultValuesArePackedInWireForm() {
        DcClass avatar = dc.classByName("DistributedAvatar");
        assertThat(((DcMethodType) avatar.field("setLevel").type()).parameters().get(0).defaultValue()).containsExactly(1);
        List<DcParameter> greeting = ((DcMethodType) avatar.field("setGreeting").type()).parameters();
        assertThat(greeting.get(0).defaultValue()).isEqualTo(hex("05 00 68 65 6c 6c 6f"));
        assertThat(greeting.get(1).defaultValue()).containsExactly('!');
        assertThat(dc.classByName("GameManager").field("motd").defaultValue()).isEqualTo(hex("07 00 77 65 6c 63 6f 6d 65"));
        byte[] spawn = ((DcMethodType) dc.classByName("DistributedZone").field("setSpawn").type()).parameters().get(0).defaultValue();
        assertThat(spawn).isEqualTo(hex("000000000000f83f 0000000000000040 00000000000008c0"));
        assertThat(((DcStruct) dc.type("Item")).field("count").defaultValue()).containsExactly(1);
    }

    @Test
    void importsAreKept() {
        assertThat(dc.imports()).containsExactly(
                new DcImport("game.distributed", List.of("DistributedAvatar/AI/OV", "DistributedNode")),
                new DcImport("game.world", List.of("DistributedZone/AI")),
                new DcImport("game.util", List.of()));
    }

    @Test
    void declaredKeywordsJoinTheDefaults() {
        DcFile f = DcParser.parse("k.dc", "keyword clientonly fast;\ndclass A { f() clientonly broadcast; };");
        assertThat(f.keywords()).contains("clientonly", "fast", "required", "airecv");
        assertThat(f.classByName("A").field("f").keywords()).containsExactly("clientonly", "broadcast");
    }

    @Test
    void arrayAndRepeatDefaults() {
        DcFile f = DcParser.parse("v.dc", "dclass A { f(uint16 a[] = [1, 2 * 2], int8 b[2] = [-1, 127], blob c = <0aff>); };");
        List<DcParameter> p = ((DcMethodType) f.classByName("A").field("f").type()).parameters();
        assertThat(p.get(0).defaultValue()).isEqualTo(hex("0600 0100 0200 0200"));
        assertThat(p.get(1).defaultValue()).isEqualTo(hex("ff7f"));
        assertThat(p.get(2).defaultValue()).isEqualTo(hex("0200 0aff"));
    }
}
