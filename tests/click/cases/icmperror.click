FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> t :: DecIPTTL -> Discard;
t[1] -> ICMPError(10.1.0.1, timeexceeded, transit) -> ToDump(o0.pcap, ENCAP IP);
