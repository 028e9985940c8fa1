package io.gatehouse.control.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/** Every control body decoder (spec 6 and 7, protobuf) straight on arbitrary bytes: see {@link ControlBodiesProperties}. */
class ControlBodiesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    void bodies(byte[] body) {
        ControlBodiesProperties.check(body);
    }
}
