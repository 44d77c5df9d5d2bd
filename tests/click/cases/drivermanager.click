// HANDLERS: c.count
FromDump(in.pcap, STOP true) -> c :: Counter -> ToDump(o0.pcap);
DriverManager(wait_stop, print c.count, print "done", write c.reset, stop);
