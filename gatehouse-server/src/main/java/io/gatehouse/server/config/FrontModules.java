package io.gatehouse.server.config;

import io.gatehouse.astron.AstronModule;
import io.gatehouse.control.ControlModule;
import io.gatehouse.core.front.FrontModule;
import io.gatehouse.marauroa.MarauroaModule;
import io.gatehouse.vcmi.VcmiModule;
import java.util.List;

/**
 * The fronts this server runs: the one place that names them. Their configs are read, checked
 * and started in this order, and stopped in the reverse one; adding a front is a line here and
 * a dependency in the server's pom.
 */
public final class FrontModules {

    public static final List<FrontModule> ALL = List.of(new ControlModule(), new AstronModule(), new MarauroaModule(), new VcmiModule());

    private FrontModules() {
    }
}
