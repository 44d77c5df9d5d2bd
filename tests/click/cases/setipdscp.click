// HANDLERS: d.dscp
FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> d :: SetIPDSCP(46) -> ToDump(o0.pcap, ENCAP IP);
