// HANDLERS: u.count u.drops
FromDump(in.pcap, STOP true) -> Classifier(12/0800) -> Strip(14) -> CheckIPHeader
  -> ipc :: IPClassifier(udp, -) [0] -> u :: CheckUDPHeader -> ToDump(o0.pcap, ENCAP IP);
u[1] -> ToDump(o1.pcap, ENCAP IP);
ipc[1] -> Discard;
