package io.gatehouse.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEveryUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void formatIsTheInverse() {
        for (String s : new String[] {"500ms", "30s", "5m", "36h", "2d", "0s", "1500ms", "90s"}) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void rejectsOtherForms() {
        for (String s : new String[] {"30", "s", "1.5s", "-3s", "10 minutes", ""}) {
            assertThatThrownBy(() -> Durations.parse(s)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a duration");
        }
    }
}
