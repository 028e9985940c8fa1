package io.gatehouse.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports a server process prints as it starts, read from its output (for tests that start the real process). */
public final class PrintedPorts {

    /** Lines read at the most before giving up. */
    private static final int MAX_LINES = 200;

    private PrintedPorts() {
    }

    /**
     * Reads lines until each pattern (its group 1 the port) has matched once; the ports in the
     * patterns' order, -1 for one the output never showed.
     */
    public static int[] read(BufferedReader out, Pattern... patterns) throws IOException {
        int[] ports = new int[patterns.length];
        Arrays.fill(ports, -1);
        for (int i = 0; i < MAX_LINES && Arrays.stream(ports).anyMatch(p -> p < 0); i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            for (int k = 0; k < patterns.length; k++) {
                Matcher m = patterns[k].matcher(line);
                if (ports[k] < 0 && m.find()) {
                    ports[k] = Integer.parseInt(m.group(1));
                }
            }
        }
        return ports;
    }
}
