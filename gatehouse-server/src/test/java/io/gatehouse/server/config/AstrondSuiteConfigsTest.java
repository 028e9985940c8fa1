package io.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.astron.AstronConfig;
import io.gatehouse.astron.config.AstrondConfigFile;
import io.gatehouse.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configs in the shape Astron's own test suite starts astrond with (a temporary file, the DC file
 * by absolute path, Python's True or False for {@code threaded}), for the roles Gatehouse runs:
 * those astrond starts are read, those astrond refuses are refused.
 */
class AstrondSuiteConfigsTest {

    @TempDir
    Path dir;

    private GatehouseConfig load(String yaml) throws Exception {
        Path dc = dir.resolve("suite.dc");
        Files.writeString(dc, "dclass UberDog1 {\n};\ndclass UberDog2 {\n};\n");
        Path file = Files.writeString(Files.createTempFile(dir, "astron", "cfg.yaml"), yaml.replace("DC", dc.toString()));
        return ConfigLoader.only(AstrondConfigFile.load(file), dir.resolve("data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        messagedirector:
            bind: 127.0.0.1:57123
            threaded: True
        general:
            dc_files:
                - 'DC'
        roles:
            - type: stateserver
              control: 100100
        """,
        """
        messagedirector:
            bind: 127.0.0.1:57123
            threaded: False
        general:
            dc_files: ['DC']
        uberdogs:
            - {id: 1234, class: UberDog1, anonymous: true}
            - {id: 1235, class: UberDog2, anonymous: false}
        roles:
            - type: clientagent
              bind: 127.0.0.1:57128
              version: "Sword Art Online v5.1"
              channels: {min: 3100, max: 3999}
              client: {relocate: true, add_interest: enabled, write_buffer_size: 0, write_timeout_ms: 0}
              tuning: {interest_timeout: 500}
            - type: clientagent
              bind: 127.0.0.1:57135
              client: {type: libastron, add_interest: disabled, write_buffer_size: 262144, write_timeout_ms: 20}
              channels: {min: 110600, max: 110699}
            - type: clientagent
              bind: 127.0.0.1:57223
              haproxy: true
              channels: {min: 440600, max: 440649}
            - type: clientagent
              bind: 127.0.0.1:51201
              channels: {min: 3100, max: 3999}
              client: {heartbeat_timeout: 1000}
        """,
        """
        messagedirector: {bind: 127.0.0.1:57123, threaded: True}
        general: {dc_files: ['DC']}
        roles:
            - type: database
              control: 75757
              broadcast: FALSE
              generate: {min: 1000000, max: 1000010}
              backend: {type: yaml, directory: '/tmp/astron-x.yamldb'}
        """,
        """
        messagedirector: {bind: 127.0.0.1:57123}
        general: {dc_files: ['DC']}
        roles:
            - type: database
              control: 75757
              broadcast: true
              generate: {min: 1000000, max: 1000010}
              backend: {type: mongodb, server: 'mongodb://127.0.0.1:57023/test'}
        """,
        "messagedirector: {bind: \"localhost:57123\"}",
        "messagedirector: {bind: \"::1\"}",
        "messagedirector: {bind: \"0:0:0:0:0:0:0:1\"}",
        "messagedirector: {bind: \"[0:0::1]\"}",
        "messagedirector: {bind: \"[0:0::1]:57123\"}",
    })
    void astrondStartsIt(String yaml) throws Exception {
        assertThat(load(yaml).front(AstronConfig.class).enabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "messagedirector: {bind: 127.0.0.1:57123}\nroles: [{qux: bar}, {bleem: baz}]",
        "messagedirector: {bind: 127.0.0.1:57123}\nroles: [{type: foo}]",
        "- messagedirector: {bind: 127.0.0.1:57123}",
        "messagedirector: {bind: 127.0.0.1:57123}\ngeneral: [{dc_files: ['DC']}]",
        "messagedirector: {bind: 127.0.0.1:57123}\nuberdogs: {id: 1234, class: UberDog1}",
        "messagedirector: {bind: 127.0.0.1:57123}\nuberdogs: [{id: 0, class: UberDog1}]",
        "messagedirector: {bind: 127.0.0.1:57123}\nuberdogs: [{id: 165, class: UberDog2}]",
        "messagedirector: {bind: \"127:0:0:1:57123\"}",
        "messagedirector: {bind: \"[0:0::1:57123\"}",
        "messagedirector: {bind: \"0:0::1]:57123\"}",
        "messagedirector: {bind: \"0:0::1:57123\"}",
        "roles: [{type: clientagent, bind: 127.0.0.1:57128, channels: {min: 3100, max: 3999}, weeuuweeeuu: sirens!}]",
        "roles: [{type: clientagent, channels: {min: 0, max: 3999}}]",
        "roles: [{type: clientagent, channels: {min: 3100, max: 0}}]",
        "roles: [{type: clientagent, channels: {min: 100, max: 3999}}]",
        "roles: [{type: clientagent, channels: {min: 3100, max: 999}}]",
        "roles: [{type: clientagent, client: {type: astron}, channels: {min: 3100, max: 3999}}]",
        "roles: [{type: stateserver, queque: pu-pu}]",
        "roles: [{type: stateserver, control: 0}]",
        "roles: [{type: stateserver, control: 100}]",
        "roles: [{type: database, control: 777, generate: {min: 1000000, max: 1000010}, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, generate: {min: 0, max: 1000010}, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, generate: {min: 1000000, max: 0}, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, generate: {min: 444, max: 1000010}, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, generate: {min: 1000000, max: 555}, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, broadcast: pizza, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, broadcast: 15012, backend: {type: yaml}}]",
        "roles: [{type: database, control: 75757, backend: {type: yam}}]",
    })
    void astrondRefusesIt(String yaml) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class);
    }

    @Test
    void theSuitesDcFileIsFoundWhereverTheCallerIs() throws Exception {
        assertThat(load("general: {dc_files: ['DC']}").front(AstronConfig.class).dcFiles()).containsExactly(dir.resolve("suite.dc"));
    }
}
