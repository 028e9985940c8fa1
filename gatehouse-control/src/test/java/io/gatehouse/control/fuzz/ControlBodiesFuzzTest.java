package io.gatehouse.control.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Every control body decoder (spec 6 and 7, protobuf) straight on arbitrary bytes: see {@link ControlBodiesProperties}. */
class ControlBodiesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void bodies(byte[] body) {
        ControlBodiesProperties.check(body);
    }
}
