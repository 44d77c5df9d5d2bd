FromDump(in.pcap, STOP true) -> ToDump(o0.pcap, SNAPLEN 20);
