FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> rt :: RadixIPLookup(10.0.0.0/8 1, 10.2.0.0/16 0, 0.0.0.0/0 2);
rt[0] -> ToDump(o0.pcap, ENCAP IP);
rt[1] -> ToDump(o1.pcap, ENCAP IP);
rt[2] -> ToDump(o2.pcap, ENCAP IP);
