// HANDLERS: chk.count chk.drops
FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14)
  -> chk :: CheckIPHeader -> ToDump(o0.pcap, ENCAP IP);
chk[1] -> ToDump(o1.pcap, ENCAP IP);
