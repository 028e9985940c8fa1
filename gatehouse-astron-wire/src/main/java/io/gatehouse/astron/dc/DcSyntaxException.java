package io.gatehouse.astron.dc;

/** A DC file that does not parse, with the file, line and column of the first problem. */
public final class DcSyntaxException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;

    public DcSyntaxException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
