package io.gatehouse.astron.clientagent;

import java.util.List;

/**
 * One Client Agent client for an operator: the channel it was given, its state ({@code NEW},
 * {@code ANONYMOUS}, {@code ESTABLISHED}), its address and its open interests.
 */
public record ClientStatus(long channel, String state, String address, List<InterestStatus> interests) {

    /** An open interest: its id, the parent and the zones of that parent, in order. */
    public record InterestStatus(int id, long parent, List<Long> zones) {
    }
}
