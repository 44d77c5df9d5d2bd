// HANDLERS: s.switch
FromDump(in.pcap, STOP true, ACTIVE false) -> s :: Switch(0);
s[0] -> ToDump(o0.pcap);
s[1] -> ToDump(o1.pcap);
DriverManager(write s.switch 1, write FromDump@1.active true, wait_stop, stop);
