package io.gatehouse.core.journal;

import java.util.List;

/** The entries of one batch, written to the journal in one piece under a sequence number that only grows. */
public record JournalFrame(long seq, List<JournalEntry> entries) {

    public JournalFrame {
        entries = List.copyOf(entries);
    }
}
