package org.netserv.controller.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netserv.controller.ncm.Ipv4Prefix;

class ClassifierRulesTest {
    private static final Ipv4Prefix P = Ipv4Prefix.parse("10.61.0.0/16");

    @Test
    void modulePatternsInClickSyntax() {
        assertEquals("udp && dst port 5060 && dst net 10.61.0.0/16",
                ClassifierRules.pattern(new ClassifierRules.Filter("udp", List.of(5060), List.of(P), List.of())));
        assertEquals("(tcp || udp) && (dst port 80 || dst port 8080) && dst net 10.61.0.0/16 && src net 10.62.1.0/24",
                ClassifierRules.pattern(new ClassifierRules.Filter(null, List.of(80, 8080), List.of(P),
                        List.of(Ipv4Prefix.parse("10.62.1.0/24")))));
        assertEquals("ip proto 47 && dst net 10.61.0.0/16",
                ClassifierRules.pattern(new ClassifierRules.Filter("47", List.of(), List.of(P), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> ClassifierRules.pattern(new ClassifierRules.Filter("udp", List.of(), List.of(), List.of())));
    }

    @Test
    void repliesAddTheWayBackFromThePublishersPrefixes() {
        assertEquals("(udp && dst port 5060 && dst net 10.61.0.1/32) || (udp && src port 5060 && src net 10.61.0.1/32)",
                ClassifierRules.pattern(new ClassifierRules.Filter("udp", List.of(5060),
                        List.of(Ipv4Prefix.parse("10.61.0.1/32")), List.of(), true)));
    }

    @Test
    void slotPatternIsTheOrOfItsModulesAndFalseWhenEmpty() {
        assertEquals("false, (udp) || (tcp), -", ClassifierRules.config(2, Map.of(1, List.of("udp", "tcp"))));
        assertEquals("false, false, false, -", ClassifierRules.config(3, Map.of()));
    }

    @Test
    void countsContainerOutputsOfAnExistingConfig() {
        assertEquals(2, ClassifierRules.containerOutputs("false, (udp) || (tcp), -"));
        assertEquals(1, ClassifierRules.containerOutputs("false,-"));
        assertEquals(3, ClassifierRules.containerOutputs("a, b, c"));
    }
}
