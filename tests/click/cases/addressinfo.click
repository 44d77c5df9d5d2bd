// HANDLERS: a.table
AddressInfo(me 10.1.0.1 00:11:22:33:44:55);
FromDump(in.pcap, STOP true) -> a :: ARPResponder(me) -> ToDump(o0.pcap);
a[1] -> ToDump(o1.pcap);
