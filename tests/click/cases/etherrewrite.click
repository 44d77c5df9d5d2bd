// an elementclass with formal parameters wrapping EtherRewrite
elementclass Rewrite { $src, $dst | input -> EtherRewrite($src, DST $dst) -> output }
define($SRC 02:00:00:00:00:03)
FromDump(in.pcap, STOP true) -> Rewrite($SRC, 02:00:00:00:00:04) -> ToDump(o0.pcap);
