// HANDLERS: t.count t.drops
FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> ipc :: IPClassifier(tcp, -) [0] -> t :: CheckTCPHeader -> ToDump(o0.pcap, ENCAP IP);
t[1] -> ToDump(o1.pcap, ENCAP IP);
ipc[1] -> Discard;
