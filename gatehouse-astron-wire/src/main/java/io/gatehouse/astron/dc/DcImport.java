package io.gatehouse.astron.dc;

import java.util.List;

/** {@code from module import A/AI/UD, B} or {@code import module}: which code backs the classes (unused by the server). */
public record DcImport(String module, List<String> symbols) {
}
