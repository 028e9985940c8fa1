package io.gatehouse.server.vcmi;

/** The relay tests with {@code vcmi.splice: off}: every byte copied through the JVM, on any transport. */
class VcmiRelayCopyTest extends VcmiRelayTest {

    @Override
    protected String vcmiConfig() {
        return "  splice: off\n";
    }

    @Override
    boolean splicing() {
        return false;
    }
}
