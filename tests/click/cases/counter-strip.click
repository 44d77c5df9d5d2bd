// HANDLERS: c.count c.byte_count
FromDump(in.pcap, STOP true) -> c :: Counter -> Strip(14) -> ToDump(o0.pcap);
