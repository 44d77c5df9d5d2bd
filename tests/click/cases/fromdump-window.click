// HANDLERS: f.count
f :: FromDump(in.pcap, STOP true, START_AFTER 20ms, END_AFTER 0.06) -> ToDump(o0.pcap);
