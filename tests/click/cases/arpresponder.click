FromDump(in.pcap, STOP true) -> a :: ARPResponder(10.1.0.1/32 00:11:22:33:44:55, 10.9.0.0/16 00:11:22:33:44:66) -> ToDump(o0.pcap);
a[1] -> ToDump(o1.pcap);
