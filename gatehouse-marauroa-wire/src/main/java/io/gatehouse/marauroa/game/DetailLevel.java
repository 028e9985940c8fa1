package io.gatehouse.marauroa.game;

/** How much of an object is written: what everyone sees, what its owner sees, or all of it (for storage). */
public enum DetailLevel { NORMAL, PRIVATE, FULL }
