package io.gatehouse.astron.stateserver;

/**
 * One distributed object a State Server holds, for an operator: its id, class, location
 * (parent and zone), and the AI and owner channels (0 for none).
 */
public record ObjectStatus(long id, String dclass, long parent, long zone, long ai, long owner) {
}
