FromDump(in.pcap, STOP true) -> f :: HostEtherFilter(00:11:22:33:44:55) -> ToDump(o0.pcap);
f[1] -> ToDump(o1.pcap);
