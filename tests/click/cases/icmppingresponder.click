FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> p :: ICMPPingResponder -> ToDump(o0.pcap, ENCAP IP);
p[1] -> ToDump(o1.pcap, ENCAP IP);
